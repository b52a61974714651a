import type { Queue } from 'bullmq';
import type { Alert, AlertRule } from '../domain/alert.js';
import { createAlert, findRecentAlert, getAlert, replaceAlert } from '../store/alert-store.js';
import type { EsClient } from '../store/es-client.js';
import { alertIdFor, buildAlert, mergeMatch, type DetectionInfo } from './alert-builder.js';
import { entityKeyOf, type DetectionMatch } from './detection-match.js';

export interface InvestigationRequest {
  alertId: string;
}

export interface AlertSinkDeps {
  es: EsClient;
  prefix: string;
  /** The first pipeline queue; a new alert is enqueued once, under its own id. */
  queue: Queue<InvestigationRequest>;
  dedupeWindowMs: number;
}

export type RecordOutcome = { alert: Alert; outcome: 'created' | 'updated' };

/**
 * Stores a match as an alert: a new (rule, entity) opens an alert and enqueues its investigation; a match within
 * the deduplication window of an open alert updates that alert. The job id is the alert id, so however often
 * this runs for the same alert, it is investigated once.
 */
export async function recordMatch(deps: AlertSinkDeps, rule: AlertRule, match: DetectionMatch, info: DetectionInfo, now: Date): Promise<RecordOutcome> {
  const entityKey = entityKeyOf(match.group);
  const since = new Date(Date.parse(match.firstSeen) - deps.dedupeWindowMs);
  const open = (await findRecentAlert(deps.es, deps.prefix, rule.id, entityKey, since)) ?? (await getAlert(deps.es, deps.prefix, alertIdFor(rule.id, entityKey, match.firstSeen)));
  if (open) {
    const merged = mergeMatch(open, match, now);
    await replaceAlert(deps.es, deps.prefix, merged);
    return { alert: merged, outcome: 'updated' };
  }
  const alert = buildAlert(rule, match, info, now);
  if (!(await createAlert(deps.es, deps.prefix, alert))) {
    // Another producer raised the same alert a moment ago: fold this match into it.
    const existing = await getAlert(deps.es, deps.prefix, alert.id);
    if (existing) {
      const merged = mergeMatch(existing, match, now);
      await replaceAlert(deps.es, deps.prefix, merged);
      return { alert: merged, outcome: 'updated' };
    }
  }
  await enqueueInvestigation(deps.queue, alert.id);
  return { alert, outcome: 'created' };
}

export async function enqueueInvestigation(queue: Queue<InvestigationRequest>, alertId: string): Promise<void> {
  await queue.add('investigate', { alertId }, { jobId: alertId });
}
