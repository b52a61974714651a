import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../generators/timeline.js';
import type { Alert } from '../../../src/domain/alert.js';
import { FIRST_STEP } from '../../../src/domain/step.js';
import type { InvestigationRequest } from '../../../src/producer/alert-sink.js';
import { runRule } from '../../../src/producer/detector.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { ensureAlertIndex, listAlerts } from '../../../src/store/alert-store.js';
import { ingestEvents, installTelemetryTemplates } from '../../../src/store/telemetry-store.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
const window = { from: new Date('2026-11-18T00:00:00Z'), to: new Date('2026-11-19T00:30:00Z') };
const timeline = buildTimeline({ seed: '23', people: 10, start: window.from, hours: 24, namespace: iso.config.namespace });
const pack = loadRulePack('rules', iso.config.namespace);
iso.queueNames.add(FIRST_STEP);
const queue = new Queue<InvestigationRequest>(FIRST_STEP, { connection: { url: iso.config.redis.url }, prefix: iso.config.queuePrefix });
const sink = { es: iso.es, prefix: iso.config.prefix, queue, dedupeWindowMs: iso.config.detection.dedupeWindowMs };

async function detectAll(): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const rule of pack.rules) {
    for (const outcome of await runRule(sink, rule, window, 'backfill', new Date('2026-11-19T01:00:00Z'))) {
      if (outcome.outcome === 'created') created += 1;
      else updated += 1;
    }
  }
  return { created, updated };
}

let alerts: Alert[] = [];
let firstRun: { created: number; updated: number };

beforeAll(async () => {
  await installTelemetryTemplates(iso.es, iso.config.prefix, iso.config.namespace);
  await ingestEvents(iso.es, timeline.events(), { namespace: iso.config.namespace });
  await ensureAlertIndex(iso.es, iso.config.prefix);
  firstRun = await detectAll();
  alerts = (await listAlerts(iso.es, iso.config.prefix, {}, 100)).alerts;
});
afterAll(async () => {
  await queue.close();
  await iso.cleanup();
});

const ruleIdByFile = new Map(pack.rules.map((rule) => [rule.file.replace(/^.*\//, '').replace(/\.yml$/, ''), rule.meta.id]));

describe('detection over generated telemetry', () => {
  it.each(timeline.scenarios.map((scenario) => [scenario.truth.type, scenario.truth] as const))('raises the expected alert for %s', (_type, truth) => {
    const ruleId = ruleIdByFile.get(truth.expectedRule);
    const proof = new Set(truth.proofEventIds);
    const raised = alerts.filter((alert) => alert.rule.id === ruleId && alert.sampleEventIds.some((id) => proof.has(id)));
    expect(raised).toHaveLength(1);
  });

  it('raises no alert that no scenario explains (the baseline stays quiet)', () => {
    const proof = new Set(timeline.scenarios.flatMap((scenario) => scenario.truth.proofEventIds));
    const unexplained = alerts.filter((alert) => !alert.sampleEventIds.some((id) => proof.has(id)));
    expect(unexplained.map((alert) => `${alert.rule.title} ${alert.entityKey}`)).toEqual([]);
  });

  it('enqueues each new alert once, under its own id', async () => {
    expect(firstRun.created).toBe(alerts.length);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.map((job) => job.id).sort()).toEqual(alerts.map((alert) => alert.id).sort());
  });

  it('raises no duplicates when detection runs again over the same window', async () => {
    const again = await detectAll();
    expect(again.created).toBe(0);
    expect(again.updated).toBe(firstRun.created);
    const after = await listAlerts(iso.es, iso.config.prefix, {}, 100);
    expect(after.total).toBe(alerts.length);
    expect(await queue.count()).toBe(alerts.length);
  });
});
