import { describe, expect, it } from 'vitest';
import { assessOffline } from '../../../src/analyst/assess-offline.js';
import { loadRunbooks } from '../../../src/analyst/read-runbooks.js';
import { renderReport } from '../../../src/analyst/render-report.js';
import { InvestigationSchema, type Investigation } from '../../../src/domain/investigation.js';
import { ReportSchema } from '../../../src/domain/report.js';
import { INJECTION_TEXT } from '../../../generators/scenarios/scenario.js';
import { makeEvidence, rows, searchResult } from './support/evidence-builders.js';
import { iamEscalation, mistypedPassword, sshBruteForce, type ScenarioCase } from './support/scenarios.js';

const { runbooks } = loadRunbooks('runbooks');

function investigationOf(scenario: ScenarioCase, overrides: Partial<Investigation> = {}): Investigation {
  const runbook = runbooks.find((candidate) => candidate.name === scenario.runbook);
  if (!runbook) throw new Error('no runbook');
  return InvestigationSchema.parse({
    id: 'inv-test00000001',
    alertId: scenario.alert.id,
    alert: scenario.alert,
    status: 'completed',
    step: 'respond',
    classification: { category: scenario.runbook, confidence: 0.9, rationale: 'From the tags.' },
    runbook: { name: runbook.name, version: runbook.version },
    evidence: scenario.evidence,
    assessment: assessOffline(runbook, scenario.alert, scenario.evidence),
    steps: [],
    errors: [],
    degraded: false,
    createdAt: '2026-11-18T12:00:00.000Z',
    updatedAt: '2026-11-18T12:01:00.000Z',
    ...overrides,
  });
}

describe('renderReport', () => {
  it('dismisses a confident benign verdict in two lines', () => {
    const report = renderReport(investigationOf(mistypedPassword()));
    expect(ReportSchema.parse(report).json.shape).toBe('dismissal');
    expect(report.markdown.trim().split('\n')).toHaveLength(2);
    expect(report.markdown).toMatch(/^\*\*Benign\*\* \(confidence 0\.\d\d\)/);
    expect(report.markdown).toContain('Evidence: `');
  });

  it('gives an unsure verdict its open questions and a named escalation tier', () => {
    const scenario = mistypedPassword();
    const partial = scenario.evidence.filter((item) => item.stepId === 'alert_detail' || item.stepId === 'failures');
    const base = investigationOf({ ...scenario, evidence: partial });
    const report = renderReport(base);
    expect(report.json.shape).toBe('review');
    expect(report.json.disposition).toBe('suspicious');
    expect(report.markdown).toContain('escalate to **Tier 1**');
    expect(report.markdown).toContain('### Open questions');
    expect(report.json.openQuestions).toContain("Could not establish: The failures for one account come from that account owner's own workstation.");
    expect(report.markdown).toContain("Could not establish\\: The failures for one account come from that account owner's own workstation");
  });

  it('gives a malicious verdict the full report with timeline, evidence, entities, techniques, actions and rule credit', () => {
    const report = renderReport(investigationOf(sshBruteForce()));
    expect(report.json.shape).toBe('incident');
    for (const section of ['# Incident:', '## Timeline', '## Evidence', '## Entities', '## ATT&CK', '## Recommended actions', '## Rule']) expect(report.markdown).toContain(section);
    expect(report.markdown).toContain('`sshfail0000`');
    expect(report.markdown).toContain('`T1110.001`');
    expect(report.markdown).toContain('author `soc-agent`, licence `Apache-2.0`');
    expect(report.json.timeline.map((entry) => entry.eventId)).toEqual(['sshfail0000', 'sshfail0001', 'sshfail0002', 'sshfail0003', 'sshfail0004']);
  });

  it("puts the alert's own matched events in the timeline, not only those later searches returned", () => {
    const report = renderReport(investigationOf(iamEscalation()));
    expect(report.json.timeline.map((entry) => entry.eventId)).toEqual(['iam0001', 'iam0002', 'iam0003']);
  });

  it('sends an investigation without a verdict to review, never to benign', () => {
    const report = renderReport(investigationOf(mistypedPassword(), { assessment: undefined, status: 'failed', errors: [{ step: 'assess', code: 'MCP_UNAVAILABLE', message: 'down', at: '2026-11-18T12:00:30.000Z' }] }));
    expect(report.json).toMatchObject({ shape: 'review', disposition: 'suspicious', escalationTier: 'tier1' });
    expect(report.markdown).toContain('Step assess failed \\(MCP\\_UNAVAILABLE\\)');
  });

  it('escapes text from logs and models: no raw HTML, links or table breaks', () => {
    const hostile = `<script>alert(1)</script> | [click](http://evil.example) \`x\` ${INJECTION_TEXT}`;
    const scenario = sshBruteForce();
    const withHostile = {
      ...scenario,
      alert: { ...scenario.alert, rule: { ...scenario.alert.rule, title: hostile } },
      evidence: [...scenario.evidence, makeEvidence('extra', 'search_events', searchResult({ total: 1, events: rows('hostile', 1, { action: hostile, user: hostile, host: 'h|x', summary: hostile }) }), ['hostile0000'])],
    };
    const investigation = investigationOf(withHostile, { summary: { headline: hostile.slice(0, 200), narrative: hostile, keyFindings: [], openQuestions: [hostile] } });
    const { markdown } = renderReport(investigation);
    // Inside a code span nothing is HTML or a link; outside, hostile text must be backslash-escaped.
    const outside = markdown.replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
    expect(outside).not.toMatch(/(^|[^\\])(<script|<img|\]\()/);
    expect(outside).not.toMatch(/(^|[^\\])\[click/);
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| '));
    const columns = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    expect(tableRows.filter((line) => line.startsWith('| `2026-'))).toHaveLength(6);
    expect(new Set(tableRows.filter((line) => line.includes('Time (UTC)') || line.startsWith('| `2026-')).map(columns)).size).toBe(1);
  });
});
