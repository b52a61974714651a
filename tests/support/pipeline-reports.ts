import { vi } from 'vitest';
import { indexTimeline } from '../../generators/index-timeline.js';
import { buildTimeline } from '../../generators/timeline.js';
import type { Alert } from '../../src/domain/alert.js';
import { STEPS } from '../../src/domain/step.js';
import { detectOnce } from '../../src/producer/detect-once.js';
import { loadRulePack } from '../../src/producer/load-rules.js';
import { DETECT_QUEUE } from '../../src/producer/producer.js';
import { getAlert } from '../../src/store/alert-store.js';
import { getReport, type StoredReport } from '../../src/store/report-store.js';
import { investigationIdFor } from '../../src/workers/chain.js';
import { startWorkers, type RunningWorkers } from '../../src/workers/start-workers.js';
import type { Isolation } from './isolation.js';
import { stdioEnvironment } from './mcp-servers.js';

/**
 * Scenario types whose reports cover every shape and disposition: malicious incidents of two severities, and a
 * benign look-alike the offline analyst dismisses.
 */
export const FIXTURE_SCENARIOS = ['ssh_brute_force', 'credential_dumping_lsass', 'benign_mistyped_password', 'windows_admin_group_add'] as const;

/** A Wednesday, so the benign look-alikes fall inside the working hours their ground truth describes. */
const START = new Date('2026-11-18T00:00:00Z');

export interface PipelineReports {
  /** Every alert the rules raised, in the version it had when its investigation ended. */
  alerts: Alert[];
  /** The report of each alert's first investigation, in the order of `alerts`. */
  reports: StoredReport[];
}

/** Starts the real step workers (offline analyst, MCP subprocess) on an isolated config. */
export function startIsolatedWorkers(iso: Isolation): Promise<RunningWorkers> {
  return startWorkers(iso.es, iso.config, () => undefined, { env: stdioEnvironment(iso.config) });
}

/** Waits until each alert's status is final (`investigated` or `failed`). */
export async function waitForAlertsSettled(iso: Isolation, alertIds: readonly string[], timeout = 240_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const statuses = await Promise.all(alertIds.map(async (id) => (await getAlert(iso.es, iso.config.prefix, id))?.status));
      const open = statuses.filter((status) => status !== 'investigated' && status !== 'failed').length;
      if (open > 0) throw new Error(`${open} investigations still running`);
    },
    { timeout, interval: 500 },
  );
}

/**
 * Real reports for an isolated config, made the way production makes them: a generated day of a small
 * organisation with a few scenarios, the Sigma rules over it, and every alert investigated through the six step
 * queues by the offline analyst. The queues are registered for the isolation's cleanup.
 */
export async function buildPipelineReports(iso: Isolation): Promise<PipelineReports> {
  for (const name of [...STEPS, DETECT_QUEUE]) iso.queueNames.add(name);
  const timeline = buildTimeline({ seed: '7', people: 8, start: START, hours: 24, namespace: iso.config.namespace, scenarios: FIXTURE_SCENARIOS });
  await indexTimeline(iso.es, iso.config, timeline);
  const pack = loadRulePack(iso.config.detection.rulesDir, iso.config.namespace);
  const runs = await detectOnce(iso.es, iso.config, pack.rules, { from: START, to: new Date(START.getTime() + 24.5 * 3_600_000) });
  const alertIds = [...new Set(runs.flatMap((run) => run.outcomes.map((outcome) => outcome.alert.id)))];
  if (alertIds.length === 0) throw new Error('the generated day raised no alert');
  const workers = await startIsolatedWorkers(iso);
  try {
    await waitForAlertsSettled(iso, alertIds);
  } finally {
    await workers.close();
  }
  const alerts: Alert[] = [];
  const reports: StoredReport[] = [];
  for (const id of alertIds) {
    const alert = await getAlert(iso.es, iso.config.prefix, id);
    const report = await getReport(iso.es, iso.config.prefix, investigationIdFor(id));
    if (!alert || !report) throw new Error(`alert ${id} ended without a report`);
    alerts.push(alert);
    reports.push(report);
  }
  await iso.es.indices.refresh({ index: `${iso.config.prefix}-*` });
  return { alerts, reports };
}
