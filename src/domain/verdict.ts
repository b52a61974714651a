import { z } from 'zod';
import { DispositionSchema } from './scenario-truth.js';

export { DispositionSchema, type Disposition } from './scenario-truth.js';

/** Who looks next: nobody, the Tier 1 queue, a Tier 2 analyst, or the incident response team. */
export const EscalationTierSchema = z.enum(['none', 'tier1', 'tier2', 'incident_response']);
export type EscalationTier = z.infer<typeof EscalationTierSchema>;

/** Tiers from least to most urgent, for "raise, never lower" decisions. */
export const ESCALATION_ORDER: readonly EscalationTier[] = EscalationTierSchema.options;

/**
 * The analyst's conclusion about one alert. `confidence` is the probability that the disposition's leaning is
 * right (see `calibrate` in `src/analyst/calibration.ts`), so 0.5 means "could be either". A suspicious or
 * malicious Verdict cites at least one event id that a tool returned in this investigation.
 */
export const VerdictSchema = z
  .object({
    disposition: DispositionSchema,
    confidence: z.number().min(0).max(1),
    rationale: z.string().min(1).max(4_000),
    recommendedAction: z.string().min(1).max(500),
    /** Ids of the runbook's allowed actions for this disposition; `respond` runs nothing else. */
    responseActions: z.array(z.string().min(1)).max(20),
    escalationTier: EscalationTierSchema,
    escalationReason: z.string().max(500),
    citedEventIds: z.array(z.string().min(1).max(128)).max(50),
    /** Citations dropped because no tool returned them; each one lowered the confidence. */
    ungroundedClaims: z.number().int().min(0),
  })
  .refine((verdict) => verdict.disposition === 'benign' || verdict.citedEventIds.length >= 1, {
    message: 'a suspicious or malicious verdict cites at least one event id',
    path: ['citedEventIds'],
  });
export type Verdict = z.infer<typeof VerdictSchema>;
