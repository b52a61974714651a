import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexTimeline } from '../../../generators/index-timeline.js';
import { buildTimeline } from '../../../generators/timeline.js';
import type { Alert } from '../../../src/domain/alert.js';
import { scenarioForAlert } from '../../../src/domain/scenario-truth.js';
import { STEPS } from '../../../src/domain/step.js';
import { detectOnce } from '../../../src/producer/detect-once.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { getAlert } from '../../../src/store/alert-store.js';
import { getInvestigation } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, getReport } from '../../../src/store/report-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { isolate } from '../../support/isolation.js';
import { stdioEnvironment } from '../../support/mcp-servers.js';

/**
 * The MCP server the workers launch, killed with SIGKILL twice while the offline analyst investigates real alerts:
 * the client starts it again, a step whose call was lost is retried, and the verdicts are the ones a calm run gives.
 */
const iso = isolate({ ANALYST: 'offline' });
for (const step of STEPS) iso.queueNames.add(step);
const start = new Date('2026-11-18T00:00:00Z');
const timeline = buildTimeline({ seed: '7', people: 8, start, hours: 24, namespace: iso.config.namespace, scenarios: ['ssh_brute_force', 'password_spray', 'benign_mistyped_password', 'iam_privilege_escalation', 'benign_iam_onboarding'] });
const truths = timeline.scenarios.map((scenario) => scenario.truth);
let alerts: Alert[] = [];

beforeAll(async () => {
  await indexTimeline(iso.es, iso.config, timeline);
  const pack = loadRulePack(iso.config.detection.rulesDir, iso.config.namespace);
  const reports = await detectOnce(iso.es, iso.config, pack.rules, { from: start, to: new Date(start.getTime() + 24.5 * 3_600_000) });
  alerts = [...new Map(reports.flatMap((entry) => entry.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const))).values()];
});
afterAll(() => iso.cleanup());

describe('the MCP server crashing mid-investigation', () => {
  it('is started again and every alert still gets one report with the right verdict', { timeout: 240_000 }, async () => {
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    const workers = await startWorkers(iso.es, iso.config, () => undefined, { env: stdioEnvironment(iso.config) });
    try {
      const finished = async (): Promise<number> => {
        const statuses = await Promise.all(alerts.map(async (alert) => (await getAlert(iso.es, iso.config.prefix, alert.id))?.status));
        return statuses.filter((status) => status === 'investigated' || status === 'failed').length;
      };
      // Once investigations reach the step that calls tools, kill the server whenever it runs while work remains,
      // twice: the second time it is the restarted one.
      await vi.waitFor(
        async () => {
          const states = await Promise.all(alerts.map((alert) => getInvestigation(iso.es, iso.config.prefix, investigationIdFor(alert.id))));
          if (!states.some((state) => state?.steps.some((record) => record.step === 'select_runbook'))) throw new Error('no investigation reached investigate yet');
        },
        { timeout: 60_000, interval: 50 },
      );
      let kills = 0;
      let lastPid: number | undefined;
      while (kills < 2 && (await finished()) < alerts.length) {
        const pid = workers.mcp.pid;
        if (pid !== undefined && pid !== lastPid) {
          process.kill(pid, 'SIGKILL');
          lastPid = pid;
          kills += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(kills).toBeGreaterThanOrEqual(1);
      await vi.waitFor(
        async () => {
          const statuses = await Promise.all(alerts.map(async (alert) => (await getAlert(iso.es, iso.config.prefix, alert.id))?.status));
          if (!statuses.every((status) => status === 'investigated' || status === 'failed')) throw new Error('investigations still running');
        },
        { timeout: 180_000, interval: 500 },
      );
      expect(workers.mcp.restarts).toBeGreaterThanOrEqual(1);
    } finally {
      await workers.close();
    }
    for (const alert of alerts) {
      expect(await countReportsForAlert(iso.es, iso.config.prefix, alert.id)).toBe(1);
      const truth = scenarioForAlert(alert, truths);
      const report = await getReport(iso.es, iso.config.prefix, investigationIdFor(alert.id));
      if (truth) expect(`${truth.type}: ${report?.json.disposition ?? 'no report'}`).toBe(`${truth.type}: ${truth.expectedVerdict}`);
    }
  });
});
