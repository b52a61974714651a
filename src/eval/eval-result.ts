import { z } from 'zod';
import { StepSchema } from '../domain/investigation.js';
import { InvestigationRecordSchema } from './investigation-record.js';
import { ScenarioRecordSchema } from './scenario-record.js';
import { RunMetricsSchema, ScenarioTypeMetricsSchema } from './score-run.js';

export const EVAL_RESULT_KIND = 'soc-agent-eval';

export const EvalAnalystSchema = z.enum(['offline', 'claude']);
export type EvalAnalyst = z.infer<typeof EvalAnalystSchema>;

/** A file whose content decides verdicts (a prompt, a runbook), by SHA-256, so a drift shows in a comparison. */
export const FileHashSchema = z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type FileHash = z.infer<typeof FileHashSchema>;

export const SeedRunSchema = z.object({
  seed: z.string(),
  /** Index and queue prefix, and data stream namespace, the seed ran in. */
  prefix: z.string(),
  namespace: z.string(),
  events: z.number().int().min(0),
  alerts: z.number().int().min(0),
  /** Scenario types that did not fit the window. */
  skippedScenarios: z.array(z.string()),
  indexMs: z.number().int().min(0),
  detectMs: z.number().int().min(0),
  investigateMs: z.number().int().min(0),
});
export type SeedRun = z.infer<typeof SeedRunSchema>;

/** What `npm run eval` writes to `result.json`; `eval:compare` and the CI gate read it back through this schema. */
export const EvalResultSchema = z.object({
  kind: z.literal(EVAL_RESULT_KIND),
  version: z.literal(1),
  name: z.string().min(1),
  analyst: EvalAnalystSchema,
  /** Model per step from the configuration; null for the offline analyst, which calls none. */
  models: z.record(StepSchema, z.string()).nullable(),
  prompts: z.array(FileHashSchema),
  runbooks: z.array(FileHashSchema),
  seeds: z.array(z.string()).min(1),
  /** Scenario types asked for with `--scenarios` (clean twins of adversarial ones added); null for all. */
  scenarioFilter: z.array(z.string()).nullable(),
  organisation: z.object({ people: z.number().int().positive(), hours: z.number().int().positive(), start: z.iso.datetime() }),
  git: z.object({ revision: z.string().nullable(), dirty: z.boolean().nullable() }),
  machine: z.object({ cpus: z.number().int().positive(), memoryGiB: z.number().positive(), platform: z.string(), node: z.string() }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().int().min(0),
  seedRuns: z.array(SeedRunSchema),
  metrics: RunMetricsSchema,
  byScenarioType: z.array(ScenarioTypeMetricsSchema),
  scenarios: z.array(ScenarioRecordSchema),
  investigations: z.array(InvestigationRecordSchema),
});
export type EvalResult = z.infer<typeof EvalResultSchema>;
