import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS } from '../../../src/domain/step.js';
import { SocAgentError } from '../../../src/domain/errors.js';
import { createAlert, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { ensureInvestigationIndices, getInvestigation, listInvestigationSteps } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, ensureReportIndex, getReport } from '../../../src/store/report-store.js';
import { investigationIdFor, stepJobId } from '../../../src/workers/chain.js';
import { startPipeline } from '../../../src/workers/step-worker.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';
import { scriptedHandlers } from '../../support/scripted-handlers.js';

const iso = isolate();
for (const step of STEPS) iso.queueNames.add(step);
const connection = { url: iso.config.redis.url };
const respondEvents = new QueueEvents('respond', { connection, prefix: iso.config.queuePrefix });
const assessEvents = new QueueEvents('assess', { connection, prefix: iso.config.queuePrefix });

beforeAll(async () => {
  await ensureAlertIndex(iso.es, iso.config.prefix);
  await ensureInvestigationIndices(iso.es, iso.config.prefix);
  await ensureReportIndex(iso.es, iso.config.prefix);
  await Promise.all([respondEvents.waitUntilReady(), assessEvents.waitUntilReady()]);
});
afterAll(async () => {
  await respondEvents.close();
  await assessEvents.close();
  await iso.cleanup();
});

describe('the step pipeline on real Redis and Elasticsearch', () => {
  it('carries an alert through all six steps to exactly one report', async () => {
    const alert = makeAlert({ id: 'al-pipeline000000001' });
    await createAlert(iso.es, iso.config.prefix, alert);
    const pipeline = startPipeline({ es: iso.es, config: iso.config, handlers: scriptedHandlers(), log: () => undefined });
    try {
      await pipeline.queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
      const investigationId = investigationIdFor(alert.id);
      const respond = await waitForJob(pipeline.queues.respond, stepJobId(investigationId, 'respond'));
      await respond.waitUntilFinished(respondEvents, 30_000);

      const investigation = await getInvestigation(iso.es, iso.config.prefix, investigationId);
      expect(investigation?.status).toBe('completed');
      expect(investigation?.steps.map((record) => record.step)).toEqual([...STEPS]);
      expect((await getReport(iso.es, iso.config.prefix, investigationId))?.json.alertId).toBe(alert.id);
      expect((await getAlert(iso.es, iso.config.prefix, alert.id))?.status).toBe('investigated');
      expect((await listInvestigationSteps(iso.es, iso.config.prefix, investigationId)).map((snapshot) => snapshot.step)).toEqual([...STEPS]);

      // The same hand-over delivered again (a crash after the report was written) adds nothing.
      await respond.remove();
      const again = await pipeline.queues.respond.add('respond', { alertId: alert.id, investigationId }, { jobId: stepJobId(investigationId, 'respond') });
      await again.waitUntilFinished(respondEvents, 30_000);
      expect(await countReportsForAlert(iso.es, iso.config.prefix, alert.id)).toBe(1);
    } finally {
      await pipeline.close();
    }
  });

  it('ends a step that keeps failing as a visible failed investigation with the reason', async () => {
    const alert = makeAlert({ id: 'al-pipeline000000002' });
    await createAlert(iso.es, iso.config.prefix, alert);
    const failing = scriptedHandlers({
      assess: async () => {
        throw new SocAgentError('STEP_FAILED', 'evidence store unreachable');
      },
    });
    const pipeline = startPipeline({ es: iso.es, config: iso.config, handlers: failing, log: () => undefined }, { attempts: 2 });
    try {
      await pipeline.queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
      const investigationId = investigationIdFor(alert.id);
      const assess = await waitForJob(pipeline.queues.assess, stepJobId(investigationId, 'assess'));
      await expect(assess.waitUntilFinished(assessEvents, 30_000)).rejects.toThrow('evidence store unreachable');

      const investigation = await getInvestigation(iso.es, iso.config.prefix, investigationId);
      expect(investigation?.status).toBe('failed');
      expect(investigation?.step).toBe('assess');
      expect(investigation?.errors.map((error) => error.message)).toEqual(['evidence store unreachable', 'evidence store unreachable']);
      expect((await getAlert(iso.es, iso.config.prefix, alert.id))?.status).toBe('failed');
      expect(await countReportsForAlert(iso.es, iso.config.prefix, alert.id)).toBe(0);
      // The trail keeps each step's own snapshot beside the snapshots of the failed tries after it.
      const trail = await listInvestigationSteps(iso.es, iso.config.prefix, investigationId);
      expect(trail.map((snapshot) => [snapshot.step, snapshot.status, snapshot.errors.length])).toEqual([
        ['classify', 'running', 0],
        ['select_runbook', 'running', 0],
        ['investigate', 'running', 0],
        ['investigate', 'running', 1],
        ['assess', 'failed', 2],
      ]);
    } finally {
      await pipeline.close();
    }
  });
});

async function waitForJob<T>(queue: { getJob(id: string): Promise<T | undefined> }, id: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await queue.getJob(id);
    if (job) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
