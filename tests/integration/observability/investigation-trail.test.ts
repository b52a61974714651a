import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { indexTimeline } from '../../../generators/index-timeline.js';
import { buildTimeline } from '../../../generators/timeline.js';
import type { Alert } from '../../../src/domain/alert.js';
import { STEPS } from '../../../src/domain/step.js';
import { createLogger, logTo } from '../../../src/observability/logger.js';
import { startTracing } from '../../../src/observability/tracing.js';
import { detectOnce } from '../../../src/producer/detect-once.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { getAlert } from '../../../src/store/alert-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { sendJson, startFakeHttpServer, type FakeHttpServer } from '../../support/fake-http-server.js';
import { isolate } from '../../support/isolation.js';
import { stdioEnvironment } from '../../support/mcp-servers.js';

/**
 * One investigation followed through the workers' JSON logs and OpenTelemetry spans: the log lines carrying its id
 * show every step and every tool call in order, and the spans reach an OTLP/HTTP collector on loopback.
 */
const iso = isolate({ ANALYST: 'offline' });
for (const step of STEPS) iso.queueNames.add(step);
const start = new Date('2026-11-18T00:00:00Z');
const timeline = buildTimeline({ seed: '7', people: 6, start, hours: 24, namespace: iso.config.namespace, scenarios: ['ssh_brute_force'] });
const lines: string[] = [];
let collector: FakeHttpServer;
let alert: Alert;

const LineSchema = z.looseObject({ msg: z.string(), level: z.string(), service: z.string(), time: z.string(), investigationId: z.string().optional(), step: z.string().optional(), tool: z.string().optional() });

beforeAll(async () => {
  collector = await startFakeHttpServer((_request, res) => sendJson(res, 200, {}));
  const tracing = startTracing(collector.url, 'soc-agent-workers');
  await indexTimeline(iso.es, iso.config, timeline);
  const pack = loadRulePack(iso.config.detection.rulesDir, iso.config.namespace);
  const reports = await detectOnce(iso.es, iso.config, pack.rules, { from: start, to: new Date(start.getTime() + 24.5 * 3_600_000) });
  const first = reports.flatMap((entry) => entry.outcomes)[0]?.alert;
  if (!first) throw new Error('no alert raised');
  alert = first;
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)), done()) });
  const log = logTo(createLogger({ service: 'workers', level: 'info', destination: sink }));
  const workers = await startWorkers(iso.es, iso.config, log, { env: stdioEnvironment(iso.config) });
  try {
    await vi.waitFor(
      async () => {
        const status = (await getAlert(iso.es, iso.config.prefix, alert.id))?.status;
        if (status !== 'investigated') throw new Error(`alert is ${status ?? 'missing'}`);
      },
      { timeout: 120_000, interval: 250 },
    );
  } finally {
    await workers.close();
    await tracing.shutdown();
  }
});
afterAll(async () => {
  await collector.close();
  await iso.cleanup();
});

describe('one investigation in the logs and traces', () => {
  it('is every step and tool call, in order, when the log is filtered by its investigation id', () => {
    const investigationId = investigationIdFor(alert.id);
    const trail = lines.filter((line) => line.includes(`"investigationId":"${investigationId}"`)).map((line) => LineSchema.parse(JSON.parse(line)));
    const steps = trail.filter((entry) => entry.msg === 'step done').map((entry) => entry.step);
    expect(steps).toEqual([...STEPS]);
    for (const entry of trail) expect(entry.service).toBe('workers');
    const started = trail.findIndex((entry) => entry.msg === 'step started' && entry.step === 'investigate');
    const done = trail.findIndex((entry) => entry.msg === 'step done' && entry.step === 'investigate');
    const toolCalls = trail.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.msg === 'tool call');
    expect(toolCalls.length).toBeGreaterThan(2);
    for (const { entry, index } of toolCalls) {
      expect(index).toBeGreaterThan(started);
      expect(index).toBeLessThan(done);
      expect(entry.step).toBe('investigate');
      expect(entry.tool).toMatch(/^[a-z_]+$/);
    }
    const times = trail.map((entry) => entry.time);
    expect(times).toEqual([...times].sort());
  });

  it('sends a span per step and per tool call to the collector, tagged with the investigation', () => {
    const SpansSchema = z.object({
      resourceSpans: z.array(z.object({ scopeSpans: z.array(z.object({ spans: z.array(z.object({ name: z.string(), attributes: z.array(z.object({ key: z.string(), value: z.looseObject({}) })) })) })) })),
    });
    const spans = collector.requests
      .filter((request) => request.path === '/v1/traces')
      .flatMap((request) => SpansSchema.parse(JSON.parse(request.body)).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
    const investigationId = investigationIdFor(alert.id);
    const stepSpans = spans.filter((span) => span.name.startsWith('step ') && span.attributes.some((attribute) => attribute.key === 'soc.investigation_id' && JSON.stringify(attribute.value).includes(investigationId)));
    expect(new Set(stepSpans.map((span) => span.name))).toEqual(new Set(STEPS.map((step) => `step ${step}`)));
    expect(spans.filter((span) => span.name.startsWith('tool ')).length).toBeGreaterThan(2);
  });
});
