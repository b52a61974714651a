import type { Investigation, Summary } from '../domain/investigation.js';
import type { Runbook } from '../domain/runbook.js';
import { SocAgentError } from '../domain/errors.js';
import type { Analyst } from './analyst.js';
import { assessOffline } from './assess-offline.js';
import { buildEvidence } from './build-evidence.js';
import { classifyAlert } from './classify-alert.js';
import type { EvidenceTools } from './evidence-tools.js';
import { planInvestigation } from './plan-investigation.js';
import { renderReport } from './render-report.js';
import { selectRunbook } from './select-runbook.js';

/** Waves of tool calls per investigation: a runbook pivots a few times at most. */
const MAX_WAVES = 6;
const MAX_CALLS = 24;

export interface OfflineAnalystDeps {
  tools: EvidenceTools;
  runbooks: readonly Runbook[];
}

function runbookOf(investigation: Investigation, runbooks: readonly Runbook[]): Runbook {
  const runbook = runbooks.find((candidate) => candidate.name === investigation.runbook?.name);
  if (!runbook) throw new SocAgentError('INVESTIGATION_STATE_INVALID', `${investigation.id} has no runbook the analyst knows (${investigation.runbook?.name ?? 'none selected'})`, { investigationId: investigation.id });
  return runbook;
}

/** Findings and open questions in our own words, from the signals; never from log text. */
function summarise(investigation: Investigation): Summary {
  const assessment = investigation.assessment;
  if (!assessment) throw new SocAgentError('INVESTIGATION_STATE_INVALID', `${investigation.id} reached summarize without an assessment`, { investigationId: investigation.id });
  const evidenceById = new Map(investigation.evidence.map((item) => [item.id, item]));
  const { verdict } = assessment;
  return {
    headline: `${verdict.disposition} (${Math.round(verdict.confidence * 100)}%): ${investigation.alert.rule.title}`.slice(0, 200),
    narrative: verdict.rationale.slice(0, 4_000),
    keyFindings: assessment.signals.slice(0, 20).map((signal) => ({
      text: `${signal.weight > 0 ? 'Points to an attack' : 'Points to benign activity'}: ${signal.description}`.slice(0, 500),
      eventIds: signal.evidenceIds.flatMap((id) => evidenceById.get(id)?.eventIds ?? []).slice(0, 20),
    })),
    openQuestions: assessment.unknownSignals.slice(0, 10).map((signal) => `Unconfirmed: ${signal.description}`.slice(0, 300)),
  };
}

/**
 * The deterministic analyst: the same steps, runbooks and tools as Claude, with decisions made by code — the
 * runbook's weighted signals scored into a calibrated verdict. It is the default when no API key is set and the
 * baseline the evaluation compares against.
 */
export function offlineAnalyst(deps: OfflineAnalystDeps): Analyst {
  return {
    name: 'offline',
    classify: async (investigation) => ({ ...investigation, classification: classifyAlert(investigation.alert) }),
    select_runbook: async (investigation) => {
      const choice = selectRunbook(investigation.alert, deps.runbooks, investigation.classification);
      return { ...investigation, runbook: { name: choice.runbook.name, version: choice.runbook.version } };
    },
    investigate: async (investigation, context) => {
      const runbook = runbookOf(investigation, deps.runbooks);
      const evidence = [...investigation.evidence];
      const failed = [...(investigation.failedToolSteps ?? [])];
      let calls = 0;
      for (let wave = 0; wave < MAX_WAVES && calls < MAX_CALLS && !context.signal.aborted; wave += 1) {
        const plan = planInvestigation(investigation.alert, runbook, evidence, failed);
        if (plan.calls.length === 0) break;
        for (const call of plan.calls.slice(0, MAX_CALLS - calls)) {
          calls += 1;
          const answer = await deps.tools.call(call.tool, call.arguments);
          if (!answer.ok) {
            failed.push(call.stepId);
            continue;
          }
          evidence.push(
            buildEvidence({ id: `ev-${evidence.length + 1}-${call.stepId}`.slice(0, 67), stepId: call.stepId, tool: call.tool, arguments: call.arguments, output: answer.output, collectedAt: context.now().toISOString() }),
          );
        }
      }
      return { ...investigation, evidence, failedToolSteps: failed, degraded: investigation.degraded || failed.length > 0 };
    },
    assess: async (investigation) => {
      const runbook = runbookOf(investigation, deps.runbooks);
      return { ...investigation, assessment: assessOffline(runbook, investigation.alert, investigation.evidence, investigation.failedToolSteps ?? []) };
    },
    summarize: async (investigation) => ({ ...investigation, summary: summarise(investigation) }),
    respond: async (investigation) => {
      const report = renderReport(investigation);
      return { ...investigation, report, status: investigation.degraded ? 'degraded' : 'completed' };
    },
  };
}
