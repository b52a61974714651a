import { describe, expect, it } from 'vitest';
import { evaluateSignals } from '../../../src/analyst/evaluate-signals.js';
import { parseRunbook } from '../../../src/analyst/runbook-loader.js';
import { makeAlert } from '../../support/alert-builder.js';
import { makeEvidence, searchResult } from './support/evidence-builders.js';

const runbook = parseRunbook({
  file: 'runbooks/probe.md',
  text: `---
name: probe
title: Probe
version: 1.0.0
applies_to: { keywords: [probe] }
steps:
  - { id: alert, tool: get_alert, arguments: { alert_id: "{{alert.id}}" }, purpose: The alert. }
  - { id: failures, tool: search_events, arguments: { ip: "{{alert.entities.sourceIps[0]}}" }, purpose: Failures. }
  - { id: successes, tool: search_events, arguments: { ip: "{{alert.entities.sourceIps[0]}}" }, purpose: Successes. }
signals:
  - { id: many, description: Many failures, weight: 2, when: { evidence: failures, path: total, op: gte, value: 50 } }
  - { id: few, description: Few failures, weight: -1, when: { evidence: failures, path: total, op: lte, value: 10 } }
  - { id: got_in, description: Got in, weight: 3, when: { evidence: successes, path: total, op: gte, value: 1 } }
actions:
  - { id: close_alert, description: Close., dispositions: [benign] }
false_positives: [none]
---
# Probe
`,
});

describe('evaluateSignals', () => {
  it('splits signals into fired, not fired and unknown', () => {
    const failures = makeEvidence('failures', 'search_events', searchResult({ total: 80 }), ['f1']);
    const evaluation = evaluateSignals(runbook, { alert: makeAlert(), evidence: [failures] });
    expect(evaluation.fired).toEqual([{ id: 'many', description: 'Many failures', weight: 2, evidenceIds: [failures.id] }]);
    expect(evaluation.notFired).toEqual(['few']);
    expect(evaluation.unknown).toEqual([{ id: 'got_in', description: 'Got in' }]);
  });

  it('does not ask about a signal that reads a step the alert has no entity for', () => {
    const failures = makeEvidence('failures', 'search_events', searchResult({ total: 80 }), ['f1']);
    const evaluation = evaluateSignals(runbook, { alert: makeAlert(), evidence: [failures] }, ['successes']);
    expect(evaluation.unknown).toEqual([]);
    expect(evaluation.notApplicable).toEqual(['got_in']);
  });

  it('fires nothing without evidence', () => {
    const evaluation = evaluateSignals(runbook, { alert: makeAlert(), evidence: [] });
    expect(evaluation.fired).toEqual([]);
    expect(evaluation.unknown.map((signal) => signal.id)).toEqual(['many', 'few', 'got_in']);
  });
});
