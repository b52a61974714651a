import { describe, expect, it } from 'vitest';
import { InvestigationSchema, type Investigation } from '../../../src/domain/investigation.js';
import type { ScenarioTruth } from '../../../src/domain/scenario-truth.js';
import { investigationRecord } from '../../../src/eval/investigation-record.js';
import { expectedCategory, scenarioRecord } from '../../../src/eval/scenario-record.js';
import type { StoredReport } from '../../../src/store/report-store.js';
import { makeAlert } from '../../support/alert-builder.js';
import { minimalReport } from '../../support/scripted-handlers.js';

const truth = (id: string, proof: string[], overrides: Partial<ScenarioTruth> = {}): ScenarioTruth => ({
  id,
  type: 'ssh_brute_force',
  description: 'x',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'brute-force',
  expectedRule: 'credential_access_ssh_brute_force',
  techniques: ['T1110.001'],
  entities: { users: [], hosts: [], ips: [], cloudPrincipals: [] },
  proofEventIds: proof,
  start: '2026-11-18T10:00:00.000Z',
  end: '2026-11-18T10:05:00.000Z',
  ...overrides,
});

const alert = makeAlert({ sampleEventIds: ['e1', 'e2'] });

function investigation(overrides: Partial<Investigation> = {}): Investigation {
  return InvestigationSchema.parse({
    id: 'inv-test00000001',
    alertId: alert.id,
    alert,
    status: 'completed',
    step: 'respond',
    classification: { category: 'brute-force', confidence: 0.9, rationale: 'x' },
    runbook: { name: 'brute-force', version: '1.0.0' },
    evidence: [{ id: 'ev-1-failures', tool: 'search_events', arguments: {}, summary: 's', eventIds: ['e3'], data: null, truncated: false, collectedAt: '2026-11-18T10:07:00.000Z' }],
    steps: [{ step: 'investigate', startedAt: '2026-11-18T10:06:00.000Z', finishedAt: '2026-11-18T10:06:01.000Z', durationMs: 1_000, attempt: 1 }],
    errors: [],
    degraded: false,
    createdAt: '2026-11-18T10:06:00.000Z',
    updatedAt: '2026-11-18T10:06:03.500Z',
    ...overrides,
  });
}

function report(inv: Investigation, cited: string[], ungroundedClaims = 0): StoredReport {
  const base = minimalReport(inv);
  return { ...base, json: { ...base.json, disposition: 'malicious', confidence: 0.9, citedEventIds: cited, ungroundedClaims }, createdAt: '2026-11-18T10:06:04.000Z' };
}

describe('investigationRecord', () => {
  it('links the alert to the scenarios whose proof events it sampled, and keeps the verdict and timings', () => {
    const inv = investigation({ assessment: undefined });
    const record = investigationRecord({ seed: '1', alert, ruleFile: 'credential_access_ssh_brute_force', truths: [truth('a', ['e2']), truth('b', ['e9'])], investigation: inv, report: report(inv, ['e1']) });
    expect(record).toMatchObject({ scenarioIds: ['a'], verdict: 'malicious', confidence: 0.9, category: 'brute-force', runbook: 'brute-force', endToEndMs: 3_500, status: 'completed' });
    expect(record.steps).toEqual([{ step: 'investigate', durationMs: 1_000, attempt: 1 }]);
  });

  it('counts a citation no tool returned as invalid, and the pipeline\'s dropped ones as dropped', () => {
    const inv = investigation();
    const record = investigationRecord({ seed: '1', alert, ruleFile: null, truths: [], investigation: inv, report: report(inv, ['e1', 'e3', 'forged'], 2) });
    expect(record.citations).toEqual({ valid: 2, invalid: 1, dropped: 2 });
  });

  it('records an investigation that ended without a report as no verdict, with its errors', () => {
    const inv = investigation({ status: 'failed', errors: [{ step: 'investigate', code: 'MCP_UNAVAILABLE', message: 'x'.repeat(1_000), at: '2026-11-18T10:06:02.000Z' }] });
    const record = investigationRecord({ seed: '1', alert, ruleFile: null, truths: [], investigation: inv, report: undefined });
    expect(record).toMatchObject({ verdict: 'none', probability: null, citations: null, status: 'failed' });
    expect(record.errors[0]?.message).toHaveLength(300);
  });
});

describe('scenarioRecord', () => {
  it('is detected only when an alert of the expected rule was raised for it', () => {
    const inv = investigation();
    const sudo = investigationRecord({ seed: '1', alert, ruleFile: 'privilege_escalation_sudo_shell_escape', truths: [truth('a', ['e1'])], investigation: inv, report: report(inv, ['e1']) });
    expect(scenarioRecord('1', truth('a', ['e1']), [sudo])).toMatchObject({ alertIds: [alert.id], detected: false });
    expect(scenarioRecord('1', truth('a', ['e1']), [{ ...sudo, ruleFile: 'credential_access_ssh_brute_force' }]).detected).toBe(true);
    expect(scenarioRecord('2', truth('a', ['e1']), [sudo])).toMatchObject({ alertIds: [], detected: false });
  });
});

describe('expectedCategory', () => {
  it('reads the category from the runbook name, and other for the fallback runbook', () => {
    expect(expectedCategory('lateral-movement')).toBe('lateral-movement');
    expect(expectedCategory('generic')).toBe('other');
  });
});
