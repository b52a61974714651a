import type { FiredSignal } from '../domain/investigation.js';
import type { Runbook } from '../domain/runbook.js';
import { evaluateCondition, type Facts } from './condition.js';

export interface SignalEvaluation {
  fired: FiredSignal[];
  /** Signals whose facts were not returned: neither for nor against, and the open questions of a report. */
  unknown: { id: string; description: string }[];
  notFired: string[];
}

/** Evaluates every signal of the runbook over the alert and the evidence. Pure and deterministic. */
export function evaluateSignals(runbook: Runbook, facts: Facts): SignalEvaluation {
  const evaluation: SignalEvaluation = { fired: [], unknown: [], notFired: [] };
  for (const signal of runbook.signals) {
    const result = evaluateCondition(signal.when, facts);
    if (result.value === true) evaluation.fired.push({ id: signal.id, description: signal.description, weight: signal.weight, evidenceIds: result.evidenceIds });
    else if (result.value === 'unknown') evaluation.unknown.push({ id: signal.id, description: signal.description });
    else evaluation.notFired.push(signal.id);
  }
  return evaluation;
}
