import type { Alert } from '../domain/alert.js';
import type { Evidence, JsonValue, ToolName } from '../domain/evidence.js';
import { RUNBOOK_STEPS_MAX, type Runbook } from '../domain/runbook.js';
import { resolveTemplate, type TemplateScope } from './template.js';

/** One tool call the investigate step makes, with its arguments resolved from the alert and earlier evidence. */
export interface ToolCall {
  stepId: string;
  tool: ToolName;
  arguments: Record<string, JsonValue>;
  purpose: string;
}

export interface InvestigationPlan {
  /** Calls that can run now. */
  calls: ToolCall[];
  /** Steps that read evidence of a step not yet run; plan again once it has. */
  waiting: { stepId: string; waitsFor: string }[];
  /** Steps that cannot run for this alert (the alert has no such entity, an earlier step returned nothing). */
  skipped: { stepId: string; reason: string }[];
}

function isRecord(value: JsonValue): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The next tool calls of a runbook for an alert, given the evidence collected so far. Call it again after each
 * wave until `calls` is empty: steps that pivot on an earlier answer (`{{evidence.<step>.…}}`) become ready once
 * that step has run. Each step runs at most once, and a runbook has at most `RUNBOOK_STEPS_MAX` steps.
 *
 * @param attemptedStepIds steps already tried that returned no evidence (a failed tool call), so they are not
 *   planned again and what depends on them is skipped.
 */
export function planInvestigation(alert: Alert, runbook: Runbook, evidence: readonly Evidence[] = [], attemptedStepIds: readonly string[] = []): InvestigationPlan {
  const outputs = new Map<string, unknown>();
  for (const item of evidence) if (item.stepId && !outputs.has(item.stepId)) outputs.set(item.stepId, item.data);
  const done = new Set<string>([...outputs.keys(), ...attemptedStepIds]);
  const pending = runbook.steps.slice(0, RUNBOOK_STEPS_MAX).filter((step) => !done.has(step.id));

  const skipped: InvestigationPlan['skipped'] = [];
  const unreachable = new Set<string>(done);
  let calls: ToolCall[] = [];
  let waiting: InvestigationPlan['waiting'] = [];
  // A skipped step will never produce evidence, so steps waiting on it must look again (at their fallbacks).
  for (let changed = true; changed; ) {
    changed = false;
    calls = [];
    waiting = [];
    const scope: TemplateScope = { alert, evidence: outputs, attempted: unreachable };
    for (const step of pending) {
      if (skipped.some((entry) => entry.stepId === step.id)) continue;
      const resolution = resolveTemplate(step.arguments, scope);
      if (resolution.status === 'resolved' && isRecord(resolution.value)) {
        calls.push({ stepId: step.id, tool: step.tool, arguments: resolution.value, purpose: step.purpose });
      } else if (resolution.status === 'pending') {
        waiting.push({ stepId: step.id, waitsFor: resolution.waitsFor });
      } else {
        skipped.push({ stepId: step.id, reason: resolution.status === 'missing' ? resolution.reason : 'arguments are not an object' });
        unreachable.add(step.id);
        changed = true;
      }
    }
  }
  return { calls, waiting, skipped };
}
