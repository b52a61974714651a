import { describe, expect, it } from 'vitest';
import { planInvestigation, type ToolCall } from '../../../src/analyst/plan-investigation.js';
import { loadRunbooks } from '../../../src/analyst/read-runbooks.js';
import type { Evidence } from '../../../src/domain/evidence.js';
import type { Runbook } from '../../../src/domain/runbook.js';
import { makeAlert } from '../../support/alert-builder.js';
import { SCENARIO_CASES, adminGroupAdd, psexec, type ScenarioCase } from './support/scenarios.js';

const { runbooks } = loadRunbooks('runbooks');
const runbookNamed = (name: string): Runbook => {
  const runbook = runbooks.find((candidate) => candidate.name === name);
  if (!runbook) throw new Error(`no runbook ${name}`);
  return runbook;
};

/** Plays the investigate step: plan, "call" each tool by taking the case's evidence for that step, plan again. */
function play(scenario: ScenarioCase): { calls: ToolCall[]; evidence: Evidence[] } {
  const runbook = runbookNamed(scenario.runbook);
  const calls: ToolCall[] = [];
  const evidence: Evidence[] = [];
  const failed: string[] = [];
  for (let wave = 0; wave < 10; wave += 1) {
    const plan = planInvestigation(scenario.alert, runbook, evidence, failed);
    if (plan.calls.length === 0) break;
    for (const call of plan.calls) {
      calls.push(call);
      const answer = scenario.evidence.find((item) => item.stepId === call.stepId);
      if (answer) evidence.push(answer);
      else failed.push(call.stepId);
    }
  }
  return { calls, evidence };
}

describe('planInvestigation', () => {
  it.each(SCENARIO_CASES.map((make) => [make().name, make] as const))('runs exactly the steps the evidence of "%s" answers', (_name, make) => {
    const scenario = make();
    const { calls } = play(scenario);
    expect(calls.map((call) => call.stepId).sort()).toEqual(scenario.evidence.map((item) => item.stepId).sort());
  });

  it('resolves arguments from the alert, with bounded time windows, in the tools\' own argument names', () => {
    const scenario = psexec();
    const logons = planInvestigation(scenario.alert, runbookNamed('lateral-movement')).calls.find((call) => call.stepId === 'account_logons');
    expect(logons).toMatchObject({
      tool: 'search_events',
      arguments: { user: 'erin.davis', event_code: '4624', outcome: 'success', from: '2026-11-18T13:55:02.000Z', to: '2026-11-18T14:05:32.000Z', limit: 5 },
    });
  });

  it('pivots on an earlier answer: the source address of the logons is enriched once they are known, then its host', () => {
    const scenario = psexec();
    const runbook = runbookNamed('lateral-movement');
    const first = planInvestigation(scenario.alert, runbook);
    expect(first.calls.map((call) => call.stepId)).not.toContain('source_ip');
    expect(first.waiting).toEqual([
      { stepId: 'source_ip', waitsFor: 'account_logons' },
      { stepId: 'source_host', waitsFor: 'source_ip' },
    ]);
    const logons = scenario.evidence.filter((item) => !['source_ip', 'source_host'].includes(item.stepId ?? ''));
    const second = planInvestigation(scenario.alert, runbook, logons);
    expect(second.calls).toEqual([expect.objectContaining({ stepId: 'source_ip', arguments: { ip: '10.10.0.40' } })]);
    const enriched = scenario.evidence.filter((item) => item.stepId !== 'source_host');
    expect(planInvestigation(scenario.alert, runbook, enriched).calls).toEqual([expect.objectContaining({ stepId: 'source_host', arguments: { kind: 'host', value: 'WS-SAL-004', alert_id: scenario.alert.id } })]);
  });

  it('pivots on a structured field of the alert\'s own events: the account that was given the rights', () => {
    const scenario = adminGroupAdd();
    const withAlert = scenario.evidence.filter((item) => item.stepId === 'alert_detail');
    const plan = planInvestigation(scenario.alert, runbookNamed('privilege-escalation'), withAlert);
    expect(plan.calls.find((call) => call.stepId === 'grantee_context')?.arguments).toMatchObject({ kind: 'user', value: 'helpdesk_tmp' });
  });

  it('skips steps the alert has no entity for, and what depends only on them', () => {
    const alert = makeAlert({ entities: { users: [], hosts: [], sourceIps: [], destinationIps: [], cloudPrincipals: [] } });
    const plan = planInvestigation(alert, runbookNamed('lateral-movement'));
    expect(plan.calls.map((call) => call.stepId)).toEqual(['alert_detail']);
    expect(plan.skipped.map((entry) => entry.stepId).sort()).toEqual(['account_logons', 'source_host', 'source_ip', 'user_activity', 'user_context']);
    expect(plan.waiting).toEqual([]);
  });

  it('never plans a step twice, nor one whose call failed', () => {
    const scenario = psexec();
    const runbook = runbookNamed('lateral-movement');
    const plan = planInvestigation(scenario.alert, runbook, scenario.evidence.slice(0, 2), ['account_logons']);
    expect(plan.calls.map((call) => call.stepId)).toEqual(['user_activity']);
    expect(plan.skipped.map((entry) => entry.stepId)).toEqual(['source_ip', 'source_host']);
  });
});
