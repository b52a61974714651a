import type { Alert } from '../domain/alert.js';
import type { Investigation } from '../domain/investigation.js';
import { FIRST_STEP } from '../domain/step.js';

/** The state an alert's investigation starts from, before any step ran. */
export function newInvestigation(alert: Alert, id: string, now: Date): Investigation {
  return {
    id,
    alertId: alert.id,
    alert,
    status: 'running',
    step: FIRST_STEP,
    evidence: [],
    steps: [],
    errors: [],
    degraded: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}
