import { describe, expect, it } from 'vitest';
import { assessOffline } from '../../../src/analyst/assess-offline.js';
import { knownEventIds } from '../../../src/analyst/grounding.js';
import { loadRunbooks } from '../../../src/analyst/read-runbooks.js';
import { EvidenceSchema, type Evidence, type JsonValue } from '../../../src/domain/evidence.js';
import type { Runbook } from '../../../src/domain/runbook.js';
import { INJECTION_TEXT } from '../../../generators/scenarios/scenario.js';
import {
  SCENARIO_CASES,
  adminGroupAdd,
  adminMaintenance,
  approvedTransfer,
  backupFanOut,
  iamEscalation,
  iamOnboarding,
  mistypedPassword,
  outboundExfiltration,
  psexec,
  sshBruteForce,
  type ScenarioCase,
} from './support/scenarios.js';

const { runbooks } = loadRunbooks('runbooks');
const runbookOf = (scenario: ScenarioCase): Runbook => {
  const runbook = runbooks.find((candidate) => candidate.name === scenario.runbook);
  if (!runbook) throw new Error(`no runbook ${scenario.runbook}`);
  return runbook;
};
const assess = (scenario: ScenarioCase, evidence: readonly Evidence[] = scenario.evidence, failed: string[] = []) => assessOffline(runbookOf(scenario), scenario.alert, evidence, failed);

/** Plants the attacker's text wherever logs carry free text: sample rows, top values, user agents, notes. */
function inject(value: JsonValue, key = ''): JsonValue {
  if (Array.isArray(value)) return value.map((item) => inject(item, key));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([name, item]): [string, JsonValue] => {
      if (['summary', 'note', 'userAgent', 'commandLine'].includes(name) && typeof item === 'string') return [name, `${item} ${INJECTION_TEXT}`];
      if (name === 'user' && key === 'events' && typeof item === 'string') return [name, INJECTION_TEXT];
      if (name === 'topUsers' && Array.isArray(item)) return [name, [...item, { value: INJECTION_TEXT, count: 1 }]];
      return [name, inject(item, name)];
    });
    return Object.fromEntries([...entries, ['userAgent', `python-requests/2.31.0 (${INJECTION_TEXT})`]]);
  }
  return value;
}

function injected(scenario: ScenarioCase): ScenarioCase {
  return {
    ...scenario,
    alert: { ...scenario.alert, entities: { ...scenario.alert.entities, users: [...scenario.alert.entities.users, INJECTION_TEXT].slice(0, 10) } },
    evidence: scenario.evidence.map((item) =>
      EvidenceSchema.parse({
        ...item,
        data: inject(item.data),
        summary: `${item.summary} ${INJECTION_TEXT}`.slice(0, 500),
      }),
    ),
  };
}

describe('scoreVerdict on the generated scenarios', () => {
  it.each(SCENARIO_CASES.map((make) => [make().name, make] as const))('%s gets the expected verdict', (_name, make) => {
    const scenario = make();
    const assessment = assess(scenario);
    expect(assessment.verdict.disposition).toBe(scenario.expected);
    expect(assessment.verdict.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['a brute force from a Tor exit', sshBruteForce, 'a mistyped password', mistypedPassword],
    ['psexec from a foreign workstation', psexec, 'the backup fan-out', backupFanOut],
    ['exfiltration to a new address', outboundExfiltration, 'the approved transfer', approvedTransfer],
    ['an IAM escalation', iamEscalation, 'IAM onboarding', iamOnboarding],
    ['a night-time admin group add', adminGroupAdd, "an admin's maintenance", adminMaintenance],
  ])('separates %s from %s', (_malicious, malicious, _benign, benign) => {
    const bad = assess(malicious());
    const good = assess(benign());
    expect(bad.verdict.disposition).toBe('malicious');
    expect(good.verdict.disposition).toBe('benign');
    expect(bad.score).toBeGreaterThan(good.score + 4);
  });

  it.each(SCENARIO_CASES.map((make) => [make().name, make] as const))('%s: injected text in log fields changes nothing', (_name, make) => {
    const clean = assess(make());
    const dirty = assess(injected(make()));
    expect(dirty.verdict.disposition).toBe(clean.verdict.disposition);
    expect(dirty.score).toBe(clean.score);
    expect(dirty.signals.map((signal) => signal.id)).toEqual(clean.signals.map((signal) => signal.id));
  });

  it('cites only event ids a tool returned or the alert carries', () => {
    for (const make of SCENARIO_CASES) {
      const scenario = make();
      const verdict = assess(scenario).verdict;
      const known = knownEventIds(scenario.alert, scenario.evidence);
      expect(verdict.citedEventIds.every((id) => known.has(id))).toBe(true);
      if (verdict.disposition !== 'benign') expect(verdict.citedEventIds.length).toBeGreaterThan(0);
    }
  });

  it('cites the evidence behind the strongest malicious signals', () => {
    const verdict = assess(sshBruteForce()).verdict;
    expect(verdict.citedEventIds).toContain('sshfail0000');
  });

  it('is suspicious, never benign, when no tool answered', () => {
    const scenario = mistypedPassword();
    const steps = runbookOf(scenario).steps.map((step) => step.id);
    const assessment = assess(scenario, [], steps);
    expect(assessment.coverage).toBe(0);
    expect(assessment.verdict.disposition).toBe('suspicious');
    expect(assessment.verdict.confidence).toBe(0.5);
    expect(assessment.verdict.escalationTier).toBe('tier1');
    expect(assessment.verdict.citedEventIds).toEqual(scenario.alert.sampleEventIds);
  });

  it('loses confidence when part of the evidence is missing', () => {
    const scenario = psexec();
    const full = assess(scenario);
    const partial = assess(scenario, scenario.evidence.filter((item) => item.stepId !== 'user_activity'), ['user_activity']);
    expect(partial.coverage).toBeLessThan(1);
    expect(partial.verdict.confidence).toBeLessThan(full.verdict.confidence);
  });

  it('names signals it could not evaluate, for the open questions', () => {
    const scenario = psexec();
    const assessment = assess(scenario, scenario.evidence.filter((item) => item.stepId !== 'user_context'), ['user_context']);
    expect(assessment.unknownSignals.map((signal) => signal.id)).toContain('service_account_in_window');
  });

  it('offers only the runbook actions allowed for the disposition', () => {
    expect(assess(sshBruteForce()).verdict.responseActions).toEqual(['block_source_ip', 'reset_credentials']);
    expect(assess(mistypedPassword()).verdict.responseActions).toEqual(['close_alert']);
  });

  it('escalates by the runbook triggers, and never escalates a benign verdict', () => {
    expect(assess(psexec()).verdict.escalationTier).toBe('incident_response');
    expect(assess(sshBruteForce()).verdict.escalationTier).toBe('tier2');
    expect(assess(backupFanOut()).verdict.escalationTier).toBe('none');
  });

  it('explains the verdict from the runbook signal descriptions', () => {
    const rationale = assess(mistypedPassword()).verdict.rationale;
    expect(rationale).toContain("The failures for one account come from that account owner's own workstation");
    expect(rationale).not.toContain(INJECTION_TEXT);
  });
});

describe('citations', () => {
  it('cite the events a pivot came from: the logons whose source address was enriched', () => {
    expect(assess(psexec()).verdict.citedEventIds).toContain('psxlogon0000');
  });
});
