import type { FiredSignal } from '../domain/investigation.js';
import type { Runbook } from '../domain/runbook.js';
import { conditionSources, evaluateCondition, type Facts } from './condition.js';

export interface SignalEvaluation {
  fired: FiredSignal[];
  /** Signals whose facts were not returned: neither for nor against, and the open questions of a report. */
  unknown: { id: string; description: string }[];
  notFired: string[];
  /**
   * Unknown signals that read a step this alert has no entity for (an IAM alert has no host to log on to): not
   * an open question, since no tool could ever answer them for this alert.
   */
  notApplicable: string[];
}

/**
 * Evaluates every signal of the runbook over the alert and the evidence. Pure and deterministic.
 *
 * @param notApplicableSteps steps skipped because the alert lacks what they need (not steps whose call failed).
 */
export function evaluateSignals(runbook: Runbook, facts: Facts, notApplicableSteps: readonly string[] = []): SignalEvaluation {
  const evaluation: SignalEvaluation = { fired: [], unknown: [], notFired: [], notApplicable: [] };
  for (const signal of runbook.signals) {
    const result = evaluateCondition(signal.when, facts);
    if (result.value === true) evaluation.fired.push({ id: signal.id, description: signal.description, weight: signal.weight, evidenceIds: result.evidenceIds });
    else if (result.value === false) evaluation.notFired.push(signal.id);
    else if (conditionSources(signal.when).some((source) => notApplicableSteps.includes(source))) evaluation.notApplicable.push(signal.id);
    else evaluation.unknown.push({ id: signal.id, description: signal.description });
  }
  return evaluation;
}
