import type { WebhookDestination } from '../config/webhook-destinations.js';
import { doublingDelay } from '../domain/backoff.js';
import { notificationId, type Notification } from '../domain/notification.js';
import type { ReportToAnnounce } from '../store/notification-store.js';
import type { DeliveryOutcome } from '../webhooks/delivery-outcome.js';

export interface DeliveryPolicy {
  /** Posts tried before a notification is given up. */
  maxAttempts: number;
  /** Wait after the first failure without a `Retry-After`; it doubles with each further failure. */
  backoffFloorMs: number;
  backoffCeilingMs: number;
  /** How long a notifier holds a notification it is posting before another may take it over. */
  leaseMs: number;
}

/** The wait before try `attempts + 1` after `attempts` failed ones: floor, doubling, capped. */
export function backoffMs(attempts: number, policy: Pick<DeliveryPolicy, 'backoffFloorMs' | 'backoffCeilingMs'>): number {
  return doublingDelay(policy.backoffFloorMs, policy.backoffCeilingMs, attempts);
}

/** The notification without the fields that describe a try in progress or a past failure. */
function withoutKeys(notification: Notification, ...keys: ('leaseUntil' | 'lastError')[]): Notification {
  const copy = { ...notification };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A report queued for one webhook, due at once. */
export function newNotification(report: ReportToAnnounce, destination: WebhookDestination, now: Date): Notification {
  const at = now.toISOString();
  return {
    id: notificationId(report.investigationId, destination.id),
    investigationId: report.investigationId,
    alertId: report.alertId,
    disposition: report.disposition,
    destination: destination.id,
    destinationKind: destination.kind,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    reportCreatedAt: report.createdAt,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Taken by `owner` for one try. A notification found `sending` past its lease was held by a notifier that stopped
 * before recording the outcome: the post may or may not have arrived, and it is tried again (the one case in which
 * a message can be posted twice), which the stored `lastError` says.
 */
export function claimNotification(notification: Notification, owner: string, now: Date, policy: Pick<DeliveryPolicy, 'leaseMs'>): Notification {
  const abandoned = notification.state === 'sending';
  return {
    ...notification,
    state: 'sending',
    attempts: notification.attempts + 1,
    owner,
    leaseUntil: new Date(now.getTime() + policy.leaseMs).toISOString(),
    ...(abandoned ? { lastError: `a notifier (${notification.owner ?? 'unknown'}) stopped before recording its try; tried again` } : {}),
    updatedAt: now.toISOString(),
  };
}

/** The state after one try with `outcome`: delivered, due again after a wait, or given up. */
export function settleNotification(claimed: Notification, outcome: DeliveryOutcome, now: Date, policy: DeliveryPolicy): Notification {
  const rest = withoutKeys(claimed, 'leaseUntil');
  const at = now.toISOString();
  if (outcome.kind === 'delivered') return { ...withoutKeys(rest, 'lastError'), state: 'delivered', deliveredAt: at, updatedAt: at };
  if (outcome.kind === 'rejected') return { ...rest, state: 'failed', lastError: `the webhook refused the message: ${outcome.reason}`.slice(0, 300), updatedAt: at };
  if (claimed.attempts >= policy.maxAttempts) {
    return { ...rest, state: 'failed', lastError: `gave up after ${claimed.attempts} tries: ${outcome.reason}`.slice(0, 300), updatedAt: at };
  }
  const waitMs = outcome.retryAfterMs ?? backoffMs(claimed.attempts, policy);
  return { ...rest, state: 'pending', nextAttemptAt: new Date(now.getTime() + waitMs).toISOString(), lastError: outcome.reason.slice(0, 300), updatedAt: at };
}

/** A notification whose report has gone (deleted with its index, or never readable): nothing to post. */
export function abandonNotification(claimed: Notification, reason: string, now: Date): Notification {
  return { ...withoutKeys(claimed, 'leaseUntil'), state: 'failed', lastError: reason.slice(0, 300), updatedAt: now.toISOString() };
}
