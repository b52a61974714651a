import type { Decision, DecisionInput } from '../domain/decision.js';
import { SocAgentError } from '../domain/errors.js';
import { getAlert } from '../store/alert-store.js';
import { saveDecision } from '../store/decision-store.js';
import type { EsClient } from '../store/es-client.js';
import { getInvestigationStanding } from '../store/investigation-queries.js';

export interface DecisionDeps {
  es: EsClient;
  prefix: string;
  now: () => Date;
  /** A new decision id, `dec-<uuid>`. */
  newDecisionId: () => string;
}

/**
 * Stores a person's decision on an alert, beside the agent's verdict and never in place of it. The alert must
 * exist, and a named investigation must be one of that alert's.
 */
export async function recordDecision(deps: DecisionDeps, alertId: string, input: DecisionInput, field = 'body'): Promise<Decision> {
  const alert = await getAlert(deps.es, deps.prefix, alertId);
  if (!alert) throw new SocAgentError('ALERT_NOT_FOUND', `alert ${alertId} does not exist`, { alertId });
  if (input.investigationId !== undefined) {
    const standing = await getInvestigationStanding(deps.es, deps.prefix, input.investigationId);
    if (standing?.alertId !== alertId) {
      throw new SocAgentError('INPUT_INVALID', `${field}.investigationId: not an investigation of alert ${alertId}`, { field: 'investigationId' });
    }
  }
  const decision: Decision = { ...input, id: deps.newDecisionId(), alertId, at: deps.now().toISOString() };
  await saveDecision(deps.es, deps.prefix, decision);
  return decision;
}
