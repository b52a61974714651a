import type { Disposition } from '../domain/verdict.js';

/**
 * From a runbook's weighted score to a probability that the alert is malicious, and from that to a disposition.
 *
 * - `p = 1 / (1 + e^(-score / temperature))`: a logistic curve, so a score of 0 is a coin toss, each signal's
 *   weight reads as log-odds (scaled by the temperature), and p stays strictly between 0 and 1.
 * - Missing evidence shrinks p towards 0.5: `p' = 0.5 + (p - 0.5) * coverage`, so a verdict can never be more
 *   certain than the share of planned tool calls that answered; no evidence at all gives 0.5 (suspicious).
 * - Malicious when p' ≥ 0.8, benign when p' ≤ 0.2, suspicious in between (scores beyond ±2·ln 4 ≈ ±2.8 at full
 *   coverage).
 * - Confidence is the probability that the leaning is right: `max(p', 1 - p')`, so a suspicious verdict is never
 *   above 0.8.
 *
 * Fitted against the generated scenarios' ground truth (seeds 42, 1, 2, 3; 50 people; a weekday and two weekend
 * days each): with the runbooks' weights, malicious scenarios score +4.0 to +8.5 and benign look-alikes −7.0 to
 * −3.5. A temperature of 2 (was 1.5) puts both thresholds at least 0.7 score points inside those ranges, keeps one
 * strong signal alone (weight 2.5, p 0.78) short of a malicious verdict so two independent facts must agree, and
 * spreads confidence over 0.85–0.99 instead of pinning every clear case at 0.99.
 */
export const CALIBRATION = {
  /** @defaultValue 2 */
  temperature: 2,
  /** @defaultValue 0.8 */
  maliciousAt: 0.8,
  /** @defaultValue 0.2 */
  benignAt: 0.2,
  /** Each ungrounded citation keeps this share of the distance from 0.5. @defaultValue 0.75 */
  ungroundedFactor: 0.75,
} as const;

export function probabilityMalicious(score: number, temperature: number = CALIBRATION.temperature): number {
  if (!Number.isFinite(score)) return score > 0 ? 1 : score < 0 ? 0 : 0.5;
  return 1 / (1 + Math.exp(-score / temperature));
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** The calibrated probability of malice after shrinking for missing evidence and ungrounded citations. */
export function calibrate(score: number, options: { coverage?: number; ungrounded?: number } = {}): number {
  const coverage = clamp01(options.coverage ?? 1);
  const penalty = CALIBRATION.ungroundedFactor ** Math.max(0, options.ungrounded ?? 0);
  return 0.5 + (probabilityMalicious(score) - 0.5) * coverage * penalty;
}

export function dispositionFor(probability: number): Disposition {
  if (probability >= CALIBRATION.maliciousAt) return 'malicious';
  if (probability <= CALIBRATION.benignAt) return 'benign';
  return 'suspicious';
}

export function confidenceFor(probability: number): number {
  return Math.max(probability, 1 - probability);
}

/** Lowers a confidence towards 0.5 for each citation no tool returned. */
export function penaliseUngrounded(confidence: number, ungrounded: number): number {
  return 0.5 + (confidence - 0.5) * CALIBRATION.ungroundedFactor ** Math.max(0, ungrounded);
}
