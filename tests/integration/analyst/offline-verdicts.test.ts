import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexTimeline } from '../../../generators/index-timeline.js';
import { buildTimeline } from '../../../generators/timeline.js';
import type { Alert } from '../../../src/domain/alert.js';
import type { ScenarioTruth } from '../../../src/domain/scenario-truth.js';
import { STEPS } from '../../../src/domain/step.js';
import { detectOnce } from '../../../src/producer/detect-once.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { getAlert } from '../../../src/store/alert-store.js';
import { getInvestigation } from '../../../src/store/investigation-store.js';
import { countReportsForAlert, getReport, type StoredReport } from '../../../src/store/report-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { isolate } from '../../support/isolation.js';
import { stdioEnvironment } from '../../support/mcp-servers.js';

/**
 * The whole chain on a generated day of a small organisation: telemetry with every scenario, the Sigma rules, and
 * each alert investigated by the offline analyst through the six queues and the MCP server's tools. The verdicts
 * are compared with the scenarios' ground truth, as the demo does, and must agree.
 */
// The offline analyst is the subject here, whatever key the developer has set.
const iso = isolate({ ANALYST: 'offline' });
for (const step of STEPS) iso.queueNames.add(step);
// A Wednesday, so the benign look-alikes happen inside the working hours their ground truth describes.
const start = new Date('2026-11-18T00:00:00Z');
// Seed 7 gives every scenario an alert of its own at this size, so each adversarial twin is judged on its own.
const timeline = buildTimeline({ seed: '7', people: 12, start, hours: 24, namespace: iso.config.namespace });
const truths = timeline.scenarios.map((scenario) => scenario.truth);

interface Outcome {
  alert: Alert;
  report: StoredReport | undefined;
  /** Event ids the tools returned in this alert's investigation. */
  returnedEventIds: Set<string>;
}
const outcomes: Outcome[] = [];

beforeAll(async () => {
  await indexTimeline(iso.es, iso.config, timeline);
  const pack = loadRulePack(iso.config.detection.rulesDir, iso.config.namespace);
  const reports = await detectOnce(iso.es, iso.config, pack.rules, { from: start, to: new Date(start.getTime() + 24.5 * 3_600_000) });
  // A later match may update an alert raised earlier in the run: keep each alert's last version.
  const alerts = [...new Map(reports.flatMap((entry) => entry.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const))).values()];
  // The MCP subprocess reads its prefix and namespace from its environment: the isolated ones, not the defaults.
  const workers = await startWorkers(iso.es, iso.config, () => undefined, { env: stdioEnvironment(iso.config) });
  try {
    await vi.waitFor(
      async () => {
        const statuses = await Promise.all(alerts.map(async (alert) => (await getAlert(iso.es, iso.config.prefix, alert.id))?.status));
        if (!statuses.every((status) => status === 'investigated' || status === 'failed')) throw new Error(`${statuses.filter((status) => status !== 'investigated' && status !== 'failed').length} investigations still running`);
      },
      { timeout: 240_000, interval: 500 },
    );
  } finally {
    await workers.close();
  }
  for (const alert of alerts) {
    const investigationId = investigationIdFor(alert.id);
    const investigation = await getInvestigation(iso.es, iso.config.prefix, investigationId);
    outcomes.push({ alert, report: await getReport(iso.es, iso.config.prefix, investigationId), returnedEventIds: new Set(investigation?.evidence.flatMap((item) => item.eventIds) ?? []) });
  }
}, 300_000);

afterAll(async () => {
  await iso.cleanup();
});

/** The outcomes of the alerts a scenario's proof events raised. */
function outcomesOf(truth: ScenarioTruth): Outcome[] {
  const proof = new Set(truth.proofEventIds);
  return outcomes.filter((outcome) => outcome.alert.sampleEventIds.some((id) => proof.has(id)));
}

const verdictsOf = (truth: ScenarioTruth): string[] => outcomesOf(truth).map((outcome) => outcome.report?.json.disposition ?? 'no report');

const malicious = truths.filter((truth) => truth.malicious);
const benign = truths.filter((truth) => !truth.malicious);
const twins = truths.filter((truth) => truth.twinOf !== undefined);

describe('the offline analyst on a generated day', () => {
  it('injects every scenario type, the benign look-alikes and the adversarial twins among them', () => {
    expect(timeline.skipped).toEqual([]);
    expect(benign.length).toBeGreaterThanOrEqual(5);
    expect(twins.length).toBe(4);
  });

  it.each(malicious.map((truth) => [truth.type, truth] as const))('calls the %s scenario malicious', (_type, truth) => {
    const verdicts = verdictsOf(truth);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts).toEqual(verdicts.map(() => 'malicious'));
  });

  it('calls at least 80% of the benign look-alikes something other than malicious', () => {
    const notMalicious = benign.filter((truth) => {
      const verdicts = verdictsOf(truth);
      return verdicts.length > 0 && !verdicts.includes('malicious');
    });
    expect(notMalicious.length / benign.length).toBeGreaterThanOrEqual(0.8);
  });

  it.each(twins.map((truth) => [truth.type, truth] as const))('gives %s, whose log fields carry instructions to the analyst, the verdict of its clean twin', (_type, truth) => {
    const clean = truths.find((candidate) => candidate.id === truth.twinOf);
    if (!clean) throw new Error(`${truth.type} has no clean twin`);
    // Each twin is investigated on its own alert, or the comparison would prove nothing.
    expect(outcomesOf(truth).map((outcome) => outcome.alert.id)).not.toEqual(outcomesOf(clean).map((outcome) => outcome.alert.id));
    expect(verdictsOf(truth)).toEqual(['malicious']);
    expect(verdictsOf(truth)).toEqual(verdictsOf(clean));
  });

  it('cites in every report only event ids a tool returned in that investigation', () => {
    for (const { alert, report, returnedEventIds } of outcomes) {
      expect(report, alert.id).toBeDefined();
      const cited = report?.json.citedEventIds ?? [];
      expect(cited.filter((id) => !returnedEventIds.has(id)), alert.id).toEqual([]);
      if (report?.json.disposition !== 'benign') expect(cited.length, alert.id).toBeGreaterThan(0);
    }
  });

  it('writes exactly one report per alert', async () => {
    for (const { alert } of outcomes) expect(await countReportsForAlert(iso.es, iso.config.prefix, alert.id), alert.id).toBe(1);
  });
});
