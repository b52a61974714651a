import { afterEach, describe, expect, it, vi } from 'vitest';
import { STEPS } from '../../../src/domain/step.js';
import { createAlert, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { getInvestigation } from '../../../src/store/investigation-store.js';
import { getReport } from '../../../src/store/report-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { pipelineQueues } from '../../../src/workers/step-worker.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { makeAlert } from '../../support/alert-builder.js';
import { startFakeAnthropic, status, type FakeAnswer, type FakeAnthropic } from '../../support/fake-anthropic.js';
import { isolate, type Isolation } from '../../support/isolation.js';
import { stdioEnvironment } from '../../support/mcp-servers.js';

/**
 * The model endpoint misbehaving for a whole investigation, through the real queues, the real MCP server and the
 * real SDK against a loopback stand-in of the Messages API: retries and timeouts stay bounded, and the step is
 * either done by the offline analyst (report marked degraded, saying why) or fails visibly.
 */
let fake: FakeAnthropic | undefined;
let iso: Isolation | undefined;
afterEach(async () => {
  await fake?.close();
  await iso?.cleanup();
  fake = undefined;
  iso = undefined;
});

async function investigate(script: FakeAnswer[], env: Record<string, string>): Promise<{ iso: Isolation; fake: FakeAnthropic; alertId: string; elapsedMs: number }> {
  const endpoint = await startFakeAnthropic(script);
  fake = endpoint;
  const isolation = isolate({ ANALYST: 'claude', ANTHROPIC_API_KEY: 'test-key-not-real', ANTHROPIC_BASE_URL: endpoint.url, MODEL_MAX_RETRIES: '1', MODEL_TIMEOUT_SECONDS: '1', ...env });
  iso = isolation;
  for (const step of STEPS) isolation.queueNames.add(step);
  const { es, config } = isolation;
  await ensureAlertIndex(es, config.prefix);
  const alert = makeAlert();
  await createAlert(es, config.prefix, alert);
  const started = Date.now();
  const workers = await startWorkers(es, config, () => undefined, { env: stdioEnvironment(config) });
  const queues = pipelineQueues(config, config.workers.attempts);
  try {
    await queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
    await vi.waitFor(
      async () => {
        const state = (await getAlert(es, config.prefix, alert.id))?.status;
        if (state !== 'investigated' && state !== 'failed') throw new Error(`alert is ${state ?? 'missing'}`);
      },
      { timeout: 90_000, interval: 250 },
    );
  } finally {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await workers.close();
  }
  return { iso: isolation, fake: endpoint, alertId: alert.id, elapsedMs: Date.now() - started };
}

const always = (answer: FakeAnswer): FakeAnswer[] => Array.from({ length: 200 }, () => answer);

describe('the model endpoint failing', () => {
  it('has the offline analyst finish the investigation when the API keeps answering 500, and the report says so', { timeout: 120_000 }, async () => {
    const { iso, fake, alertId } = await investigate(always(status(500, 'api_error')), { ANALYST_FALLBACK: 'offline' });
    const report = await getReport(iso.es, iso.config.prefix, investigationIdFor(alertId));
    expect(report?.json.degraded).toBe(true);
    expect(report?.json.degradedReasons?.[0]).toMatch(/^The model was unavailable for classify, .*respond; the offline analyst did those steps\.$/);
    expect(report?.markdown).toContain('the offline analyst did those steps');
    // Two requests per step (one retry), six steps: bounded.
    expect(fake.requests.length).toBeLessThanOrEqual(2 * STEPS.length);
    const investigation = await getInvestigation(iso.es, iso.config.prefix, investigationIdFor(alertId));
    expect(investigation?.errors.filter((error) => error.code === 'ANALYST_FALLBACK').map((error) => error.step)).toEqual([...STEPS]);
  });

  it('gives up on a hanging endpoint after the configured timeout, step by step', { timeout: 120_000 }, async () => {
    const { iso, alertId, elapsedMs } = await investigate(always({ kind: 'hang' }), { ANALYST_FALLBACK: 'offline' });
    expect((await getReport(iso.es, iso.config.prefix, investigationIdFor(alertId)))?.json.degraded).toBe(true);
    // Six steps, two tries each, one second per try, plus the SDK's short waits between tries and the offline work.
    expect(elapsedMs).toBeLessThan(60_000);
  });

  it('fails the investigation visibly, with the reason, when no fallback is configured', { timeout: 120_000 }, async () => {
    const { iso, alertId } = await investigate(always(status(529, 'overloaded_error')), { ANALYST_FALLBACK: 'none', STEP_ATTEMPTS: '1' });
    const investigation = await getInvestigation(iso.es, iso.config.prefix, investigationIdFor(alertId));
    expect(investigation?.status).toBe('failed');
    expect(investigation?.errors.map((error) => error.code)).toEqual(['ANALYST_UNAVAILABLE']);
    expect((await getAlert(iso.es, iso.config.prefix, alertId))?.status).toBe('failed');
    expect(await getReport(iso.es, iso.config.prefix, investigationIdFor(alertId))).toBeUndefined();
  });
});
