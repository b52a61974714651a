import { z } from 'zod';
import { knownEventIds } from '../analyst/grounding.js';
import type { Alert } from '../domain/alert.js';
import { AttackCategorySchema, InvestigationStatusSchema, StepSchema, type Investigation } from '../domain/investigation.js';
import type { ScenarioTruth } from '../domain/scenario-truth.js';
import type { StoredReport } from '../store/report-store.js';
import { PredictedVerdictSchema } from './confusion-matrix.js';
import { citationCounts, CitationCountsSchema } from './grounding-metrics.js';
import { InvestigationCostSchema } from './usage-metrics.js';

/** Kept per error: enough to recognise it, not a stack. */
const ERROR_MESSAGE_MAX = 300;

/** One alert of an eval run and what its investigation concluded, as the result file keeps it. */
export const InvestigationRecordSchema = InvestigationCostSchema.extend({
  seed: z.string(),
  alertId: z.string(),
  /** The rule's file name under `rules/` without extension; null for a rule the pack no longer has. */
  ruleFile: z.string().nullable(),
  ruleTitle: z.string(),
  entityKey: z.string(),
  /** Scenarios whose proof events the alert's sample events include; empty for a false positive. */
  scenarioIds: z.array(z.string()),
  status: z.union([InvestigationStatusSchema, z.literal('missing')]),
  category: AttackCategorySchema.nullable(),
  runbook: z.string().nullable(),
  verdict: PredictedVerdictSchema,
  confidence: z.number().min(0).max(1).nullable(),
  /** P(malicious) after calibration (`assessment.probability`). */
  probability: z.number().min(0).max(1).nullable(),
  citations: CitationCountsSchema.nullable(),
  errors: z.array(z.object({ step: StepSchema, code: z.string(), message: z.string().max(ERROR_MESSAGE_MAX) })),
});
export type InvestigationRecord = z.infer<typeof InvestigationRecordSchema>;

export interface InvestigationRecordInput {
  seed: string;
  alert: Alert;
  ruleFile: string | null;
  truths: readonly ScenarioTruth[];
  investigation: Investigation | undefined;
  report: StoredReport | undefined;
}

/**
 * The record of one alert: its scenarios (by proof events), and — when a report was written — the verdict,
 * calibrated probability and citations checked against the event ids the investigation's tools returned.
 */
export function investigationRecord(input: InvestigationRecordInput): InvestigationRecord {
  const { alert, investigation, report } = input;
  const sampled = new Set(alert.sampleEventIds);
  const scenarioIds = input.truths.filter((truth) => truth.proofEventIds.some((id) => sampled.has(id))).map((truth) => truth.id);
  const finished = investigation ? Date.parse(investigation.updatedAt) - Date.parse(investigation.createdAt) : null;
  const concluded = report !== undefined && investigation !== undefined;
  return {
    seed: input.seed,
    alertId: alert.id,
    ruleFile: input.ruleFile,
    ruleTitle: alert.rule.title,
    entityKey: alert.entityKey,
    scenarioIds,
    status: investigation?.status ?? 'missing',
    category: investigation?.classification?.category ?? null,
    runbook: investigation?.runbook?.name ?? null,
    verdict: report?.json.disposition ?? 'none',
    confidence: report?.json.confidence ?? null,
    probability: concluded ? (investigation.assessment?.probability ?? null) : null,
    citations: concluded ? citationCounts(report.json.citedEventIds, knownEventIds(investigation.alert, investigation.evidence), report.json.ungroundedClaims) : null,
    steps: (investigation?.steps ?? []).map((record) => ({ step: record.step, durationMs: record.durationMs, attempt: record.attempt })),
    modelCalls: (investigation?.modelCalls ?? []).map((call) => ({ step: call.step, model: call.model, requests: call.requests, usage: call.usage })),
    endToEndMs: finished !== null && finished >= 0 ? finished : null,
    errors: (investigation?.errors ?? []).map((error) => ({ step: error.step, code: error.code, message: error.message.slice(0, ERROR_MESSAGE_MAX) })),
  };
}
