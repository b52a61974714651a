import type { Alert } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import { getAlert } from '../store/alert-store.js';
import type { ToolDeps } from './tool-deps.js';

/** The alert a tool was pointed at, or the ALERT_NOT_FOUND failure the model reads and can act on. */
export async function requireAlert(deps: ToolDeps, alertId: string): Promise<Alert> {
  const alert = await getAlert(deps.es, deps.prefix, alertId);
  if (!alert) throw new SocAgentError('ALERT_NOT_FOUND', `no alert with id ${alertId}; list_alerts shows the alerts that exist`, { alertId });
  return alert;
}
