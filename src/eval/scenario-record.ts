import { z } from 'zod';
import { AttackCategorySchema, type AttackCategory } from '../domain/investigation.js';
import { DispositionSchema, type ScenarioTruth } from '../domain/scenario-truth.js';
import type { InvestigationRecord } from './investigation-record.js';

/** One injected scenario of an eval run: its answer key and the alerts raised for it. */
export const ScenarioRecordSchema = z.object({
  seed: z.string(),
  id: z.string(),
  type: z.string(),
  malicious: z.boolean(),
  expectedVerdict: DispositionSchema,
  expectedRunbook: z.string(),
  expectedCategory: AttackCategorySchema,
  /** Rule file name under `rules/`, without extension. */
  expectedRule: z.string(),
  /** The clean scenario's id, on an adversarial one. */
  twinOf: z.string().nullable(),
  /** Alerts whose sample events include the scenario's proof events, whatever their rule. */
  alertIds: z.array(z.string()),
  /** An alert of the expected rule was among them. */
  detected: z.boolean(),
});
export type ScenarioRecord = z.infer<typeof ScenarioRecordSchema>;

/**
 * The classification a scenario expects. Runbooks are named after the attack category they handle
 * (`runbooks/<category>.md`), so the expected runbook names it; the fallback runbook (`generic`) and any other
 * name that is not a category expect `other`.
 */
export function expectedCategory(expectedRunbook: string): AttackCategory {
  const parsed = AttackCategorySchema.safeParse(expectedRunbook);
  return parsed.success ? parsed.data : 'other';
}

export function scenarioRecord(seed: string, truth: ScenarioTruth, investigations: readonly InvestigationRecord[]): ScenarioRecord {
  const raised = investigations.filter((record) => record.seed === seed && record.scenarioIds.includes(truth.id));
  return {
    seed,
    id: truth.id,
    type: truth.type,
    malicious: truth.malicious,
    expectedVerdict: truth.expectedVerdict,
    expectedRunbook: truth.expectedRunbook,
    expectedCategory: expectedCategory(truth.expectedRunbook),
    expectedRule: truth.expectedRule,
    twinOf: truth.twinOf ?? null,
    alertIds: raised.map((record) => record.alertId),
    detected: raised.some((record) => record.ruleFile === truth.expectedRule),
  };
}
