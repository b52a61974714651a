import type { Alert } from '../domain/alert.js';
import type { Evidence } from '../domain/evidence.js';
import { VerdictSchema, type Verdict } from '../domain/verdict.js';
import { penaliseUngrounded } from './calibration.js';

export interface Grounding {
  /** Cited ids that a tool returned, in citation order, without repeats. */
  valid: string[];
  /** Cited ids nobody returned: invented, mistyped, or copied from text an attacker wrote. */
  ungrounded: string[];
}

/**
 * Event ids an investigation may cite: those returned by its tools, plus the alert's own sample ids (the alert
 * snapshot is loaded by the pipeline from the alert store, never written by the model).
 */
export function knownEventIds(alert: Alert, evidence: readonly Evidence[]): Set<string> {
  return new Set([...alert.sampleEventIds, ...evidence.flatMap((item) => item.eventIds)]);
}

/** Splits citations into those a tool returned and those it did not. */
export function checkGrounding(cited: readonly string[], known: ReadonlySet<string>): Grounding {
  const valid: string[] = [];
  const ungrounded: string[] = [];
  for (const id of new Set(cited)) (known.has(id) ? valid : ungrounded).push(id);
  return { valid, ungrounded };
}

/**
 * Keeps only grounded citations, counts the rest and lowers the confidence for each. A suspicious or malicious
 * verdict left without any grounded citation is not trusted: it becomes suspicious at confidence 0.5, citing the
 * alert's own events, for a person to review.
 */
export function groundVerdict(verdict: Verdict, alert: Alert, known: ReadonlySet<string>): Verdict {
  const { valid, ungrounded } = checkGrounding(verdict.citedEventIds, known);
  const ungroundedClaims = verdict.ungroundedClaims + ungrounded.length;
  if (verdict.disposition !== 'benign' && valid.length === 0) {
    return VerdictSchema.parse({
      ...verdict,
      disposition: 'suspicious',
      confidence: 0.5,
      rationale: `${verdict.rationale}\nNeeds human review: none of the cited event ids was returned by a tool in this investigation.`.slice(0, 4_000),
      citedEventIds: alert.sampleEventIds.slice(0, 5),
      escalationTier: verdict.escalationTier === 'none' ? 'tier1' : verdict.escalationTier,
      escalationReason: verdict.escalationReason || 'The verdict could not be grounded in returned evidence.',
      ungroundedClaims,
    });
  }
  return { ...verdict, citedEventIds: valid, ungroundedClaims, confidence: penaliseUngrounded(verdict.confidence, ungrounded.length) };
}
