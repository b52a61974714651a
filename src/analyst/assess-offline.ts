import type { Alert } from '../domain/alert.js';
import type { Evidence } from '../domain/evidence.js';
import type { Assessment } from '../domain/investigation.js';
import type { Runbook } from '../domain/runbook.js';
import { evaluateSignals } from './evaluate-signals.js';
import { planInvestigation } from './plan-investigation.js';
import { coverageOf, scoreVerdict } from './score-verdict.js';

/**
 * The offline analyst's whole assess step: evaluate the runbook's signals over the evidence, measure how much of
 * the runnable plan answered, and score. Pure and deterministic: the same alert and evidence give the same
 * Assessment.
 *
 * @param failedStepIds steps whose tool call failed (they count against coverage, and are not planned again).
 */
export function assessOffline(runbook: Runbook, alert: Alert, evidence: readonly Evidence[], failedStepIds: readonly string[] = []): Assessment {
  const facts = { alert, evidence };
  const plan = planInvestigation(alert, runbook, evidence, failedStepIds);
  const notRunnable = plan.skipped.filter((entry) => !failedStepIds.includes(entry.stepId)).map((entry) => entry.stepId);
  const coverage = coverageOf(runbook, evidence, notRunnable);
  return scoreVerdict({ runbook, facts, evaluation: evaluateSignals(runbook, facts, notRunnable), coverage });
}
