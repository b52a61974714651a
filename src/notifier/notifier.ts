import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { WebhookDestination } from '../config/webhook-destinations.js';
import type { Disposition } from '../domain/verdict.js';
import type { Notification } from '../domain/notification.js';
import { reportViewerUrl } from '../domain/report-link.js';
import { describeElasticsearchError, type EsClient } from '../store/es-client.js';
import {
  createNotifications,
  ensureNotificationIndices,
  existingNotificationIds,
  listDueNotifications,
  listReportsToAnnounce,
  loadNotifierCheckpoint,
  replaceNotification,
  saveNotifierCheckpoint,
  type ReportPosition,
} from '../store/notification-store.js';
import { getReport } from '../store/report-store.js';
import type { DeliveryOutcome } from '../webhooks/delivery-outcome.js';
import { sendJson } from '../webhooks/send-json.js';
import { abandonNotification, claimNotification, newNotification, settleNotification, type DeliveryPolicy } from './notification-plan.js';
import { renderWebhookMessage } from './webhook-message.js';

export interface NotifierDeps {
  es: EsClient;
  prefix: string;
  destinations: readonly WebhookDestination[];
  dispositions: readonly Disposition[];
  /** Links in messages point at the report viewer under this address. */
  publicBaseUrl: string;
  log: (entry: Record<string, unknown>) => void;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Names this notifier in the notifications it holds. @defaultValue host, process id and a random suffix */
  owner?: string;
}

export interface NotifierOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** On the first start (no checkpoint yet), how far back reports are announced. */
  backfillMs: number;
  /** @defaultValue 2 s */
  backoffFloorMs?: number;
  /** @defaultValue 10 min */
  backoffCeilingMs?: number;
  /**
   * How far behind its checkpoint each pass looks again: a report becomes searchable a moment after the time it
   * carries (written by another process, whose clock may differ a little), and must not be passed over.
   * @defaultValue 5 min
   */
  overlapMs?: number;
  /** Notifications posted per batch; a pass runs batches while they come back full, up to five. @defaultValue 20 */
  batchSize?: number;
}

/** What one pass did. */
export interface NotifierPass {
  queued: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export interface Notifier {
  /** One pass: queue new reports for every webhook, then post what is due. Passes never overlap. */
  pass(): Promise<NotifierPass>;
}

const REPORT_PAGE = 200;
const MAX_BATCHES = 5;

/**
 * The outbox notifier. Reports of the chosen verdicts are found by a checkpoint over the reports index, and each
 * (report, webhook) pair gets one notification document, created once under a deterministic id. Notifications
 * are then posted: taken with a compare-and-set write (so two notifiers never post the same one), sent, and
 * settled as delivered, due again after a backoff (or the webhook's `retry_after`), or failed with the reason.
 */
export async function createNotifier(deps: NotifierDeps, options: NotifierOptions): Promise<Notifier> {
  const { es, prefix } = deps;
  const now = deps.now ?? (() => new Date());
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const policy: DeliveryPolicy = {
    maxAttempts: options.maxAttempts,
    backoffFloorMs: options.backoffFloorMs ?? 2_000,
    backoffCeilingMs: options.backoffCeilingMs ?? 600_000,
    // Long enough for a post and its write-back to finish; a holder gone longer than this has stopped.
    leaseMs: Math.max(60_000, options.timeoutMs * 3),
  };
  const overlapMs = options.overlapMs ?? 300_000;
  const batchSize = options.batchSize ?? 20;
  const destinations = new Map(deps.destinations.map((destination) => [destination.id, destination]));
  await ensureNotificationIndices(es, prefix);

  const queueNewReports = async (at: Date): Promise<number> => {
    let checkpoint = await loadNotifierCheckpoint(es, prefix);
    if (checkpoint === undefined) {
      checkpoint = new Date(at.getTime() - options.backfillMs);
      await saveNotifierCheckpoint(es, prefix, checkpoint, at);
    }
    let newest = checkpoint;
    let queued = 0;
    let after: ReportPosition | undefined;
    for (;;) {
      const page = await listReportsToAnnounce(es, prefix, { since: new Date(checkpoint.getTime() - overlapMs), dispositions: deps.dispositions }, REPORT_PAGE, after);
      const fresh = page.reports.flatMap((report) => deps.destinations.map((destination) => newNotification(report, destination, at)));
      const existing = await existingNotificationIds(es, prefix, fresh.map((notification) => notification.id));
      queued += await createNotifications(es, prefix, fresh.filter((notification) => !existing.has(notification.id)));
      for (const report of page.reports) if (new Date(report.createdAt) > newest) newest = new Date(report.createdAt);
      if (page.reports.length < REPORT_PAGE || !page.last) break;
      after = page.last;
    }
    // Never past our own clock: a report stamped by a worker whose clock runs ahead must not make us skip the
    // reports other workers write meanwhile.
    if (newest > at) newest = at;
    if (newest > checkpoint) await saveNotifierCheckpoint(es, prefix, newest, at);
    return queued;
  };

  const post = async (notification: Notification, destination: WebhookDestination): Promise<DeliveryOutcome | string> => {
    const stored = await getReport(es, prefix, notification.investigationId);
    if (!stored) return 'the report no longer exists';
    const link = reportViewerUrl(deps.publicBaseUrl, notification.investigationId);
    const message = renderWebhookMessage(destination.kind, stored.json, { link, ...(stored.severity ? { severity: stored.severity } : {}) });
    // Discord answers 204 without `wait`; with it, 200 means the message is stored in the channel.
    const url = destination.kind === 'discord' ? withQuery(destination.url, 'wait', 'true') : destination.url;
    return sendJson({ method: 'POST', url, body: message, timeoutMs: options.timeoutMs }, deps.fetch);
  };

  const deliverDue = async (summary: NotifierPass): Promise<void> => {
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const due = await listDueNotifications(es, prefix, now(), batchSize);
      for (const { notification, version } of due) {
        const claimed = claimNotification(notification, owner, now(), policy);
        const claimVersion = await replaceNotification(es, prefix, claimed, version);
        if (!claimVersion) continue; // another notifier took it first
        const destination = destinations.get(notification.destination);
        const outcome = destination ? await post(claimed, destination) : 'its webhook is no longer in NOTIFY_WEBHOOK_URLS';
        const settled = typeof outcome === 'string' ? abandonNotification(claimed, outcome, now()) : settleNotification(claimed, outcome, now(), policy);
        const written = await replaceNotification(es, prefix, settled, claimVersion);
        const entry = { notification: settled.id, investigationId: settled.investigationId, destination: destination?.label ?? settled.destination, attempt: settled.attempts };
        if (!written) deps.log({ msg: 'notification taken over by another notifier while posting', level: 'warn', ...entry });
        else if (settled.state === 'delivered') deps.log({ msg: 'notification posted', ...entry });
        else deps.log({ msg: settled.state === 'failed' ? 'notification failed for good' : 'notification post failed; will retry', level: settled.state === 'failed' ? 'error' : 'warn', reason: settled.lastError, next_attempt_at: settled.state === 'pending' ? settled.nextAttemptAt : undefined, ...entry });
        if (settled.state === 'delivered') summary.delivered += 1;
        else if (settled.state === 'failed') summary.failed += 1;
        else summary.retrying += 1;
      }
      if (due.length < batchSize) return;
    }
  };

  const runPass = async (): Promise<NotifierPass> => {
    const summary: NotifierPass = { queued: await queueNewReports(now()), delivered: 0, retrying: 0, failed: 0 };
    await deliverDue(summary);
    return summary;
  };
  let running: Promise<NotifierPass> = Promise.resolve({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
  return {
    pass() {
      // Chained, so passes never overlap; a failed pass does not stop the next one.
      running = running.then(runPass, runPass);
      return running;
    },
  };
}

function withQuery(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

export interface RunningNotifier {
  close(): Promise<void>;
}

/**
 * Runs a pass every `pollMs` until closed. A failed pass (Elasticsearch away) is logged and the next one tries
 * again; nothing is lost, since the checkpoint and the notifications only move forward once written.
 */
export async function startNotifier(deps: NotifierDeps, options: NotifierOptions & { pollMs: number }): Promise<RunningNotifier> {
  const notifier = await createNotifier(deps, options);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const loop = (): void => {
    current = notifier
      .pass()
      .catch((err: unknown) => deps.log({ msg: 'notifier pass failed; trying again', level: 'warn', error: describeElasticsearchError(err) ?? (err instanceof Error ? err.message : String(err)) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs);
      });
  };
  loop();
  deps.log({ msg: 'notifier started', webhooks: deps.destinations.map((destination) => destination.label), dispositions: deps.dispositions });
  return {
    async close() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
