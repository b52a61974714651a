import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { loadConfig } from '../../../src/config/env.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { DETECT_QUEUE, startProducer } from '../../../src/producer/producer.js';
import { alertIndex, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { ensureInvestigationIndices } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, ensureReportIndex } from '../../../src/store/report-store.js';
import { startReconciler } from '../../../src/workers/reconciler.js';
import { startPipeline } from '../../../src/workers/step-worker.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis.js';
import { scriptedHandlers } from '../../support/scripted-handlers.js';

/**
 * Redis keeps nothing on disk here, so a flush or a restart loses every queued and running job. Elasticsearch
 * keeps the alerts and the investigations' state; the reconciler rebuilds the queues from it.
 */
let redis: PrivateRedis;
const iso = isolate();
const ALERTS = 30;

const slow = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const base = scriptedHandlers();
const handlers = {
  ...base,
  investigate: async (...args: Parameters<typeof base.investigate>) => {
    await slow(120);
    return base.investigate(...args);
  },
};

beforeAll(async () => {
  redis = await startPrivateRedis();
  await ensureAlertIndex(iso.es, iso.config.prefix);
  await ensureInvestigationIndices(iso.es, iso.config.prefix);
  await ensureReportIndex(iso.es, iso.config.prefix);
});
afterAll(async () => {
  await redis.stop();
  await iso.cleanup();
});

async function seedAlerts(tag: string): Promise<string[]> {
  const alerts = Array.from({ length: ALERTS }, (_, i) => makeAlert({ id: `al-${tag}${String(i).padStart(10, '0')}` }));
  await iso.es.bulk({ operations: alerts.flatMap((alert) => [{ create: { _index: alertIndex(iso.config.prefix), _id: alert.id } }, alert]), refresh: true });
  return alerts.map((alert) => alert.id);
}

async function countFinished(ids: readonly string[]): Promise<number> {
  const statuses = await Promise.all(ids.map(async (id) => (await getAlert(iso.es, iso.config.prefix, id))?.status));
  return statuses.filter((status) => status === 'investigated').length;
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await slow(200);
  }
}

/** Runs the pipeline and the reconciler on the private Redis, loses Redis's data halfway, and counts the reports. */
async function loseRedisMidway(tag: string, lose: () => Promise<void>): Promise<{ reports: number[]; finished: number }> {
  const config = loadConfig({ ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: iso.config.namespace, REDIS_URL: redis.url });
  const ids = await seedAlerts(tag);
  const pipeline = startPipeline({ es: iso.es, config, handlers, log: () => undefined }, { stepTimeoutMs: 5_000, lockDurationMs: 3_000, stalledIntervalMs: 1_000, concurrency: { investigate: 2 } });
  const reconciler = startReconciler({ es: iso.es, config, queues: pipeline.queues, log: () => undefined }, { intervalMs: 500, afterMs: 0 });
  try {
    for (const id of ids) await pipeline.queues.classify.add('investigate', { alertId: id }, { jobId: id });
    await waitUntil(async () => (await countFinished(ids)) >= 3, 'the first reports');
    await lose();
    await waitUntil(async () => (await countFinished(ids)) === ALERTS, 'every alert to be investigated', 90_000);
  } finally {
    await reconciler.close();
    await pipeline.close();
  }
  const reports = await Promise.all(ids.map((id) => countReportsForAlert(iso.es, iso.config.prefix, id)));
  return { reports, finished: await countFinished(ids) };
}

describe('Redis losing its data while investigations are in flight', () => {
  it('is recovered by the reconciler after a flush: every alert ends with exactly one report', { timeout: 150_000 }, async () => {
    const { reports, finished } = await loseRedisMidway('flush', () => redis.flushAll());
    expect(finished).toBe(ALERTS);
    expect(reports.filter((count) => count !== 1)).toEqual([]);
  });

  it('is recovered after a restart that comes back empty: every alert ends with exactly one report', { timeout: 150_000 }, async () => {
    const { reports, finished } = await loseRedisMidway('restart', async () => {
      await redis.stop();
      await slow(1_000);
      await redis.start();
    });
    expect(finished).toBe(ALERTS);
    expect(reports.filter((count) => count !== 1)).toEqual([]);
  });
});


describe('the producer after Redis lost its data', () => {
  it('schedules every rule again, so detection goes on', { timeout: 60_000 }, async () => {
    const config = loadConfig({ ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: iso.config.namespace, REDIS_URL: redis.url, DETECT_INTERVAL_SECONDS: '5' });
    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    const producer = await startProducer({ es: iso.es, config, rules: pack.rules, log: () => undefined, rescheduleEveryMs: 500 });
    const detect = new Queue(DETECT_QUEUE, { connection: { url: redis.url }, prefix: config.queuePrefix });
    try {
      expect(await detect.getJobSchedulersCount()).toBe(pack.rules.length);
      await redis.flushAll();
      expect(await detect.getJobSchedulersCount()).toBe(0);
      await waitUntil(async () => (await detect.getJobSchedulersCount()) === pack.rules.length, 'the schedulers to come back', 20_000);
    } finally {
      await detect.close();
      await producer.close();
    }
  });
});
