import { errors } from '@elastic/elasticsearch';
import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import { NotificationSchema, type Notification } from '../domain/notification.js';
import { DispositionSchema, type Disposition } from '../domain/verdict.js';
import type { EsClient } from './es-client.js';
import { ensureIndex } from './index-operations.js';
import { reportIndex } from './report-store.js';

/** One document per (report, webhook): the outbox the notifier works through. */
export function notificationIndex(prefix: string): string {
  return `${prefix}-notifications`;
}

/** The notifier's checkpoint: how far through the reports it has looked. */
export function notifierStateIndex(prefix: string): string {
  return `${prefix}-notifier-state`;
}

const CHECKPOINT_ID = 'reports-checkpoint';
const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

export async function ensureNotificationIndices(es: EsClient, prefix: string): Promise<void> {
  await ensureIndex(es, notificationIndex(prefix), {
    dynamic: false,
    properties: {
      id: keyword,
      investigationId: keyword,
      alertId: keyword,
      disposition: keyword,
      destination: keyword,
      destinationKind: keyword,
      state: keyword,
      attempts: { type: 'integer' },
      nextAttemptAt: date,
      leaseUntil: date,
      deliveredAt: date,
      reportCreatedAt: date,
      createdAt: date,
      updatedAt: date,
    },
  });
  await ensureIndex(es, notifierStateIndex(prefix), { dynamic: false, properties: { checkpoint: date, updatedAt: date } });
}

const CheckpointSchema = z.object({ checkpoint: z.iso.datetime() });

export async function loadNotifierCheckpoint(es: EsClient, prefix: string): Promise<Date | undefined> {
  const response = await es.get<unknown>({ index: notifierStateIndex(prefix), id: CHECKPOINT_ID }, { ignore: [404] });
  return response.found ? new Date(CheckpointSchema.parse(response._source).checkpoint) : undefined;
}

export async function saveNotifierCheckpoint(es: EsClient, prefix: string, checkpoint: Date, now: Date): Promise<void> {
  await es.index({ index: notifierStateIndex(prefix), id: CHECKPOINT_ID, document: { checkpoint: checkpoint.toISOString(), updatedAt: now.toISOString() } });
}

/** What the notifier needs of a report to decide whether to announce it. */
export const ReportToAnnounceSchema = z.object({
  investigationId: z.string(),
  alertId: z.string(),
  disposition: DispositionSchema,
  createdAt: z.iso.datetime(),
});
export type ReportToAnnounce = z.infer<typeof ReportToAnnounceSchema>;

const AnnounceSourceSchema = z.object({
  createdAt: z.iso.datetime(),
  json: z.object({ investigationId: z.string(), alertId: z.string(), disposition: DispositionSchema }),
});

/** A position in the reports' (createdAt, investigationId) order, for paging. */
export const ReportPositionSchema = z.tuple([z.number(), z.string()]);
export type ReportPosition = z.infer<typeof ReportPositionSchema>;

/** Reports of the given verdicts written at or after `since`, oldest first, one page after `after`. */
export async function listReportsToAnnounce(
  es: EsClient,
  prefix: string,
  filter: { since: Date; dispositions: readonly Disposition[] },
  size: number,
  after?: ReportPosition,
): Promise<{ reports: ReportToAnnounce[]; last?: ReportPosition }> {
  const response = await es.search<unknown>(
    {
      index: reportIndex(prefix),
      size,
      query: { bool: { filter: [{ range: { createdAt: { gte: filter.since.toISOString() } } }, { terms: { 'json.disposition': [...filter.dispositions] } }] } },
      sort: [{ createdAt: 'asc' }, { 'json.investigationId': 'asc' }],
      _source: ['createdAt', 'json.investigationId', 'json.alertId', 'json.disposition'],
      ...(after ? { search_after: after } : {}),
    },
    { ignore: [404] },
  );
  const hits = response.hits?.hits ?? [];
  const lastHit = hits[hits.length - 1];
  const last = lastHit?.sort ? ReportPositionSchema.parse(lastHit.sort) : undefined;
  const reports = hits.map((hit) => {
    const { createdAt, json } = AnnounceSourceSchema.parse(hit._source);
    return { ...json, createdAt };
  });
  return { reports, ...(last ? { last } : {}) };
}

/** Which of these notification ids already exist. */
export async function existingNotificationIds(es: EsClient, prefix: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const response = await es.mget({ index: notificationIndex(prefix), ids: [...ids], _source: false });
  return new Set(response.docs.flatMap((doc) => ('found' in doc && doc.found ? [doc._id] : [])));
}

/**
 * Creates each notification unless one with its id exists (then it is left as it is): a report is queued for
 * a webhook once, however many notifiers see it and however often. Returns how many were new.
 */
export async function createNotifications(es: EsClient, prefix: string, notifications: readonly Notification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const index = notificationIndex(prefix);
  const response = await es.bulk({
    operations: notifications.flatMap((notification) => [{ create: { _index: index, _id: notification.id } }, NotificationSchema.parse(notification)]),
  });
  let created = 0;
  for (const item of response.items) {
    const status = item.create?.status ?? 0;
    if (status === 201) created += 1;
    else if (status !== 409) throw new SocAgentError('NOTIFIER_FAILED', `Elasticsearch refused a notification (HTTP ${status})`, { id: item.create?._id, reason: item.create?.error?.reason });
  }
  return created;
}

/** A stored document's version, for compare-and-set writes. */
export interface DocumentVersion {
  seqNo: number;
  primaryTerm: number;
}

export interface VersionedNotification {
  notification: Notification;
  version: DocumentVersion;
}

/**
 * Notifications due now, oldest due first: pending ones whose time has come, and sends whose holder's lease ran
 * out. The index is refreshed first, so the outcome of the previous pass (written a moment ago) is what is read.
 */
export async function listDueNotifications(es: EsClient, prefix: string, now: Date, size: number): Promise<VersionedNotification[]> {
  const at = now.toISOString();
  await es.indices.refresh({ index: notificationIndex(prefix) }, { ignore: [404] });
  const response = await es.search<unknown>(
    {
      index: notificationIndex(prefix),
      size,
      seq_no_primary_term: true,
      query: {
        bool: {
          should: [
            { bool: { filter: [{ term: { state: 'pending' } }, { range: { nextAttemptAt: { lte: at } } }] } },
            { bool: { filter: [{ term: { state: 'sending' } }, { range: { leaseUntil: { lte: at } } }] } },
          ],
          minimum_should_match: 1,
        },
      },
      sort: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).flatMap((hit) =>
    hit._seq_no === undefined || hit._primary_term === undefined ? [] : [{ notification: NotificationSchema.parse(hit._source), version: { seqNo: hit._seq_no, primaryTerm: hit._primary_term } }],
  );
}

/**
 * Replaces a notification only if it is still the version read: the new version, or undefined when another
 * notifier changed it first (it then owns what happens next).
 */
export async function replaceNotification(es: EsClient, prefix: string, notification: Notification, version: DocumentVersion): Promise<DocumentVersion | undefined> {
  try {
    const response = await es.index({
      index: notificationIndex(prefix),
      id: notification.id,
      document: NotificationSchema.parse(notification),
      if_seq_no: version.seqNo,
      if_primary_term: version.primaryTerm,
    });
    if (response._seq_no === undefined || response._primary_term === undefined) {
      throw new SocAgentError('NOTIFIER_FAILED', `Elasticsearch wrote notification ${notification.id} without a version`, { id: notification.id });
    }
    return { seqNo: response._seq_no, primaryTerm: response._primary_term };
  } catch (err) {
    if (err instanceof errors.ResponseError && err.meta.statusCode === 409) return undefined;
    throw err;
  }
}
