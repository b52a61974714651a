import { describe, expect, it } from 'vitest';
import { classifyAlert } from '../../../src/analyst/classify-alert.js';
import { loadRunbooks } from '../../../src/analyst/read-runbooks.js';
import { buildRunbookSet, type RunbookFile } from '../../../src/analyst/runbook-loader.js';
import { selectRunbook } from '../../../src/analyst/select-runbook.js';
import { SCENARIOS } from '../../../generators/scenarios/catalogue.js';
import { makeAlert } from '../../support/alert-builder.js';
import { ruleMeta } from './support/scenarios.js';

const { runbooks } = loadRunbooks('runbooks');

/** Each detection rule and the runbook the scenario catalogue expects for it. */
const expectations = [...new Map(SCENARIOS.map((scenario) => [scenario.expectedRule, scenario.expectedRunbook])).entries()];

describe('selectRunbook', () => {
  it.each(expectations)('picks for rule %s the runbook %s', (rule, runbook) => {
    const alert = makeAlert({ rule: ruleMeta(rule) });
    expect(selectRunbook(alert, runbooks, classifyAlert(alert)).runbook.name).toBe(runbook);
    expect(selectRunbook(alert, runbooks).runbook.name).toBe(runbook);
  });

  it('falls back to the generic runbook when nothing matches', () => {
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), title: 'Odd thing', tags: [], techniques: [], tactics: ['impact'] } });
    const choice = selectRunbook(alert, runbooks);
    expect(choice.runbook.name).toBe('generic');
    expect(choice.score).toBe(0);
  });

  it('prefers a technique match over a shared tactic', () => {
    // LSASS dumping and brute force share the credential_access tactic; the technique decides.
    const alert = makeAlert({ rule: ruleMeta('credential_access_lsass_memory_access') });
    const choice = selectRunbook(alert, runbooks);
    expect(choice.runbook.name).toBe('credential-access');
    expect(choice.reasons).toContain('technique T1003.001');
  });

  it('chooses a runbook added as a file, with no code change', () => {
    const extra: RunbookFile = {
      file: 'tests/fixtures/runbooks-extra/impact.md',
      text: `---
name: impact
title: Impact
version: 1.0.0
applies_to: { tactics: [impact], techniques: [T1486] }
steps:
  - { id: alert, tool: get_alert, arguments: { alert_id: "{{alert.id}}" }, purpose: The alert. }
signals: []
actions:
  - { id: isolate_host, description: Isolate., dispositions: [malicious, suspicious, benign] }
false_positives: [none]
---
# Impact
`,
    };
    const withExtra = [...runbooks, ...buildRunbookSet([extra]).runbooks];
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), title: 'Files encrypted', tags: [], techniques: ['T1486'], tactics: ['impact'] } });
    expect(selectRunbook(alert, withExtra).runbook.name).toBe('impact');
  });

  it('throws RUNBOOK_NOT_FOUND when nothing matches and there is no fallback', () => {
    const alert = makeAlert({ rule: { ...ruleMeta('credential_access_ssh_brute_force'), title: 'Odd', tags: [], techniques: [], tactics: [] } });
    expect(() => selectRunbook(alert, runbooks.filter((runbook) => !runbook.applies_to.fallback))).toThrow(expect.objectContaining({ code: 'RUNBOOK_NOT_FOUND' }));
  });
});
