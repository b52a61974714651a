import { z } from 'zod';
import { AlertSchema } from './alert.js';
import { EvidenceSchema } from './evidence.js';
import { ReportSchema } from './report.js';
import { STEPS } from './step.js';
import { VerdictSchema } from './verdict.js';

export const StepSchema = z.enum(STEPS);

/**
 * `degraded`: finished, but some evidence could not be collected or some citations were dropped, so the verdict
 * rests on less than the runbook asked for; `failed`: stopped without a verdict.
 */
export const InvestigationStatusSchema = z.enum(['running', 'completed', 'failed', 'degraded']);
export type InvestigationStatus = z.infer<typeof InvestigationStatusSchema>;

/** The attack type an alert looks like before any evidence is gathered. */
export const AttackCategorySchema = z.enum(['brute-force', 'lateral-movement', 'credential-access', 'privilege-escalation', 'data-exfiltration', 'defense-evasion', 'other']);
export type AttackCategory = z.infer<typeof AttackCategorySchema>;

export const ClassificationSchema = z.object({
  category: AttackCategorySchema,
  confidence: z.number().min(0).max(1),
  rationale: z.string().min(1).max(1_000),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const RunbookRefSchema = z.object({ name: z.string().min(1), version: z.string().min(1) });
export type RunbookRef = z.infer<typeof RunbookRefSchema>;

/** Tokens and cost of one model call; all zero for the offline analyst. */
export const UsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
  /** US dollars. */
  costUsd: z.number().min(0),
});
export type Usage = z.infer<typeof UsageSchema>;

/** One run of one step (a retried step has one record per attempt). */
export const StepRecordSchema = z.object({
  step: StepSchema,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().int().min(0),
  /** 1 for the first try. */
  attempt: z.number().int().min(1),
  /** `<prompt file>@<version>` when a model ran the step. */
  promptVersion: z.string().optional(),
  model: z.string().optional(),
  usage: UsageSchema.optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

/**
 * What one run of one step spent on the model, summed over its requests (a tool loop or a reply retry makes several).
 * The analyst appends it; the worker copies it into the step's StepRecord.
 */
export const ModelCallSchema = z.object({
  step: StepSchema,
  model: z.string().min(1).max(100),
  /** `<prompt file>@<version>`, e.g. `assess@1`. */
  promptVersion: z.string().min(1).max(100),
  /** Messages API requests made in this run of the step. */
  requests: z.number().int().min(0),
  usage: UsageSchema,
});
export type ModelCall = z.infer<typeof ModelCallSchema>;

/** Most ModelCall entries kept: six steps, each retried a few times. */
export const INVESTIGATION_MODEL_CALLS_MAX = 60;

export const InvestigationErrorSchema = z.object({
  step: StepSchema,
  /** A code of the error catalogue (`src/domain/errors.ts`) or of the analyst. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string().max(2_000),
  at: z.iso.datetime(),
});
export type InvestigationError = z.infer<typeof InvestigationErrorSchema>;

/** A runbook signal whose condition held, and the Evidence it read. */
export const FiredSignalSchema = z.object({
  id: z.string(),
  description: z.string(),
  weight: z.number(),
  evidenceIds: z.array(z.string()),
});
export type FiredSignal = z.infer<typeof FiredSignalSchema>;

export const AssessmentSchema = z.object({
  signals: z.array(FiredSignalSchema),
  /** Signals that could be neither confirmed nor ruled out: the facts they need were not returned. */
  unknownSignals: z.array(z.object({ id: z.string(), description: z.string() })),
  /** Sum of the fired signals' weights. */
  score: z.number(),
  /** Probability that the alert is malicious after calibration. */
  probability: z.number().min(0).max(1),
  /** Share of the planned tool calls that returned evidence, 0–1. */
  coverage: z.number().min(0).max(1),
  verdict: VerdictSchema,
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const SummarySchema = z.object({
  headline: z.string().min(1).max(200),
  narrative: z.string().max(4_000),
  keyFindings: z.array(z.object({ text: z.string().min(1).max(500), eventIds: z.array(z.string()).max(20) })).max(20),
  openQuestions: z.array(z.string().min(1).max(300)).max(10),
});
export type Summary = z.infer<typeof SummarySchema>;

/** Most Evidence one investigation keeps: a runbook plans a dozen calls, the analyst may add a few. */
export const INVESTIGATION_EVIDENCE_MAX = 40;

/** The state carried along the chain, validated at every step. */
export const InvestigationSchema = z
  .object({
    id: z.string().regex(/^inv-[A-Za-z0-9_-]{8,60}$/),
    alertId: z.string(),
    /** The alert as it was when the investigation started. */
    alert: AlertSchema,
    status: InvestigationStatusSchema,
    step: StepSchema,
    classification: ClassificationSchema.optional(),
    runbook: RunbookRefSchema.optional(),
    evidence: z.array(EvidenceSchema).max(INVESTIGATION_EVIDENCE_MAX),
    /** Runbook steps whose tool call failed: they count against coverage and are not planned again. */
    failedToolSteps: z.array(z.string()).max(INVESTIGATION_EVIDENCE_MAX).optional(),
    assessment: AssessmentSchema.optional(),
    summary: SummarySchema.optional(),
    report: ReportSchema.optional(),
    steps: z.array(StepRecordSchema),
    /** Model usage per step run, for the Claude analyst only; the offline analyst leaves it unset. */
    modelCalls: z.array(ModelCallSchema).max(INVESTIGATION_MODEL_CALLS_MAX).optional(),
    errors: z.array(InvestigationErrorSchema),
    degraded: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .refine((investigation) => investigation.alertId === investigation.alert.id, { message: 'alertId differs from alert.id', path: ['alertId'] });
export type Investigation = z.infer<typeof InvestigationSchema>;
