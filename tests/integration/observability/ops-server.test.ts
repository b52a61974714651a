import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCall } from '../../../src/domain/investigation.js';
import { STEPS } from '../../../src/domain/step.js';
import { startOpsServer, type RunningOpsServer } from '../../../src/observability/ops-server.js';
import { PipelineMetrics } from '../../../src/observability/pipeline-metrics.js';
import { serverProbes } from '../../../src/observability/service-probes.js';
import { createAlert, ensureAlertIndex } from '../../../src/store/alert-store.js';
import { ensureInvestigationIndices, getInvestigation } from '../../../src/store/investigation-store.js';
import { ensureReportIndex } from '../../../src/store/report-store.js';
import { investigationIdFor, stepJobId } from '../../../src/workers/chain.js';
import { startPipeline } from '../../../src/workers/step-worker.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';
import { scriptedHandlers } from '../../support/scripted-handlers.js';

const iso = isolate();
for (const step of STEPS) iso.queueNames.add(step);
const respondEvents = new QueueEvents('respond', { connection: { url: iso.config.redis.url }, prefix: iso.config.queuePrefix });
const metrics = new PipelineMetrics();
let ops: RunningOpsServer;

beforeAll(async () => {
  await ensureAlertIndex(iso.es, iso.config.prefix);
  await ensureInvestigationIndices(iso.es, iso.config.prefix);
  await ensureReportIndex(iso.es, iso.config.prefix);
  await respondEvents.waitUntilReady();
  ops = await startOpsServer({ host: '127.0.0.1', port: 0, probes: serverProbes(iso.config, iso.es), registry: metrics.registry });
});
afterAll(async () => {
  await ops.close();
  await respondEvents.close();
  await iso.cleanup();
});

const usage = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0081 };

describe('the health and metrics endpoint of a worker process', () => {
  it('says the process is alive and ready when Redis and Elasticsearch answer', async () => {
    expect(await (await fetch(`${ops.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${ops.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', services: { redis: 'ok', elasticsearch: 'ok' } });
  });

  it('answers 503 naming the server that does not answer', async () => {
    const broken = await startOpsServer({ host: '127.0.0.1', port: 0, probes: serverProbes({ ...iso.config, redis: { url: 'redis://127.0.0.1:1' } }, iso.es), registry: metrics.registry });
    try {
      const ready = await fetch(`${broken.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', services: { redis: 'unavailable', elasticsearch: 'ok' } });
    } finally {
      await broken.close();
    }
  });

  it('refuses other paths and methods without changing anything', async () => {
    expect((await fetch(`${ops.url}/queues`)).status).toBe(404);
    expect((await fetch(`${ops.url}/metrics`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('counts step durations, model usage and finished investigations, and the step record keeps the usage', async () => {
    const alert = makeAlert({ id: 'al-opsmetrics000001' });
    await createAlert(iso.es, iso.config.prefix, alert);
    const call: ModelCall = { step: 'assess', model: 'claude-sonnet-4-5', promptVersion: 'assess@1', requests: 2, usage };
    const handlers = scriptedHandlers({ assess: async (investigation) => ({ ...investigation, modelCalls: [...(investigation.modelCalls ?? []), call] }) });
    const pipeline = startPipeline({ es: iso.es, config: iso.config, handlers, log: () => undefined, metrics });
    try {
      await pipeline.queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
      const investigationId = investigationIdFor(alert.id);
      for (;;) {
        const job = await pipeline.queues.respond.getJob(stepJobId(investigationId, 'respond'));
        if (job) {
          await job.waitUntilFinished(respondEvents, 30_000);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const assess = (await getInvestigation(iso.es, iso.config.prefix, investigationId))?.steps.find((record) => record.step === 'assess');
      expect(assess).toMatchObject({ model: 'claude-sonnet-4-5', promptVersion: 'assess@1', usage });

      const text = await (await fetch(`${ops.url}/metrics`)).text();
      for (const step of STEPS) expect(text).toContain(`soc_agent_worker_step_duration_seconds_count{step="${step}",outcome="done"} 1`);
      expect(text).toContain('soc_agent_worker_model_tokens_total{step="assess",kind="input"} 1200');
      expect(text).toContain('soc_agent_worker_model_cost_usd_total{step="assess"} 0.0081');
      expect(text).toContain('soc_agent_worker_investigations_finished_total{status="completed",verdict="none"} 1');
      expect(text).toContain('soc_agent_process_resident_memory_bytes');
    } finally {
      await pipeline.close();
    }
  });
});
