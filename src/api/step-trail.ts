import { z } from 'zod';
import { InvestigationErrorSchema, InvestigationStatusSchema, StepSchema, UsageSchema, type Investigation } from '../domain/investigation.js';

/** One saved state of an investigation, oldest first: which step ran, how it went, what it cost. */
export const StepTrailEntrySchema = z.object({
  step: StepSchema,
  status: InvestigationStatusSchema,
  /** When this state was saved. */
  at: z.iso.datetime(),
  attempt: z.number().int().min(1).optional(),
  durationMs: z.number().int().min(0).optional(),
  model: z.string().optional(),
  usage: UsageSchema.optional(),
  /** Errors first seen in this state: a failed try, or the failure that ended the investigation. */
  errors: z.array(InvestigationErrorSchema),
});
export type StepTrailEntry = z.infer<typeof StepTrailEntrySchema>;

/** The audit trail of an investigation from its stored snapshots (see `listInvestigationSteps`). */
export function stepTrail(snapshots: readonly Investigation[]): StepTrailEntry[] {
  const seenErrors = new Set<string>();
  return snapshots.map((snapshot) => {
    const record = snapshot.steps.filter((candidate) => candidate.step === snapshot.step).at(-1);
    const errors = snapshot.errors.filter((error) => {
      const key = `${error.step}|${error.at}|${error.code}`;
      if (seenErrors.has(key)) return false;
      seenErrors.add(key);
      return true;
    });
    return {
      step: snapshot.step,
      status: snapshot.status,
      at: snapshot.updatedAt,
      ...(record ? { attempt: record.attempt, durationMs: record.durationMs } : {}),
      ...(record?.model ? { model: record.model } : {}),
      ...(record?.usage ? { usage: record.usage } : {}),
      errors,
    };
  });
}
