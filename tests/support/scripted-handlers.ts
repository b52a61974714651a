import type { Investigation } from '../../src/domain/investigation.js';
import type { Report } from '../../src/domain/report.js';
import { STEPS, type Step } from '../../src/domain/step.js';
import type { StepHandler, StepHandlers } from '../../src/workers/step-handler.js';

/** A report with just enough in it to be valid; the pipeline tests are about delivery, not content. */
export function minimalReport(investigation: Investigation): Report {
  const alert = investigation.alert;
  return {
    json: {
      investigationId: investigation.id,
      alertId: alert.id,
      shape: 'dismissal',
      disposition: 'benign',
      confidence: 0.9,
      escalationTier: 'none',
      escalationReason: 'scripted',
      headline: `scripted report for ${alert.id}`,
      rationale: 'scripted',
      rule: { id: alert.rule.id, title: alert.rule.title },
      techniques: alert.rule.techniques,
      tactics: alert.rule.tactics,
      entities: alert.entities,
      firstSeen: alert.firstSeen,
      lastSeen: alert.lastSeen,
      signals: [],
      openQuestions: [],
      recommendedAction: 'none',
      responseActions: [],
      timeline: [],
      evidence: [],
      citedEventIds: [],
      ungroundedClaims: 0,
      degraded: false,
    },
    markdown: `# ${alert.rule.title}\n\nScripted.`,
  };
}

const pass: StepHandler = async (investigation) => investigation;

/**
 * Deterministic step handlers for pipeline tests: each step passes the state on, the last one completes it with
 * a minimal report. `overrides` replaces chosen steps (a failing one, a slow one).
 */
export function scriptedHandlers(overrides: Partial<Record<Step, StepHandler>> = {}): StepHandlers {
  const respond: StepHandler = async (investigation) => ({ ...investigation, status: 'completed', report: minimalReport(investigation) });
  const base = Object.fromEntries(STEPS.map((step) => [step, step === 'respond' ? respond : pass])) as Record<Step, StepHandler>;
  return { ...base, ...overrides };
}
