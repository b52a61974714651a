import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS } from '../../../src/domain/step.js';
import { alertIndex, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { ensureInvestigationIndices } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, ensureReportIndex } from '../../../src/store/report-store.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';

const iso = isolate();
for (const step of STEPS) iso.queueNames.add(step);
const ALERTS = 50;
const alerts = Array.from({ length: ALERTS }, (_, i) => makeAlert({ id: `al-crash${String(i).padStart(12, '0')}` }));

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/pipeline-child.ts'], {
    env: { ...process.env, SOC_PREFIX: iso.config.prefix, SOC_NAMESPACE: iso.config.namespace },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${String(code)})`)));
  });
}

async function finished(): Promise<number> {
  let done = 0;
  for (const alert of alerts) {
    const status = (await getAlert(iso.es, iso.config.prefix, alert.id))?.status;
    if (status === 'investigated' || status === 'failed') done += 1;
  }
  return done;
}

beforeAll(async () => {
  await ensureAlertIndex(iso.es, iso.config.prefix);
  await ensureInvestigationIndices(iso.es, iso.config.prefix);
  await ensureReportIndex(iso.es, iso.config.prefix);
  await iso.es.bulk({ operations: alerts.flatMap((alert) => [{ create: { _index: alertIndex(iso.config.prefix), _id: alert.id } }, alert]), refresh: true });
});
afterAll(() => iso.cleanup());

describe('a step worker killed with SIGKILL while 50 alerts are in flight', () => {
  // Three kills, each followed by a restart that must wait out the dead worker's locks: this takes a while.
  it('still ends with exactly one report per alert', { timeout: 240_000 }, async () => {
    const classify = new Queue('classify', { connection: { url: iso.config.redis.url }, prefix: iso.config.queuePrefix });
    for (const alert of alerts) await classify.add('investigate', { alertId: alert.id }, { jobId: alert.id, attempts: 5 });
    await classify.close();

    let kills = 0;
    let worker = await startWorker();
    while (kills < 3) {
      await new Promise((resolve) => setTimeout(resolve, 1_500 + kills * 500));
      worker.kill('SIGKILL');
      kills += 1;
      worker = await startWorker();
    }
    const deadline = Date.now() + 180_000;
    while ((await finished()) < ALERTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1_000));
    worker.kill('SIGTERM');

    const reports = await Promise.all(alerts.map((alert) => countReportsForAlert(iso.es, iso.config.prefix, alert.id)));
    expect(reports.filter((count) => count !== 1)).toEqual([]);
    const statuses = await Promise.all(alerts.map(async (alert) => (await getAlert(iso.es, iso.config.prefix, alert.id))?.status));
    expect(new Set(statuses)).toEqual(new Set(['investigated']));
  });
});
