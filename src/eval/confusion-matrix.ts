import { z } from 'zod';
import { DispositionSchema, type Disposition } from '../domain/verdict.js';
import { ratio } from './statistics.js';

/** What an investigation concluded; `none` when it ended without a report (failed, or still running). */
export const PredictedVerdictSchema = z.enum([...DispositionSchema.options, 'none']);
export type PredictedVerdict = z.infer<typeof PredictedVerdictSchema>;

const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1).nullable();

/** Malicious is the positive class: a missed attack is a false negative, a benign event called malicious a false positive. */
export const BinaryScoresSchema = z.object({
  truePositives: Count,
  falsePositives: Count,
  falseNegatives: Count,
  trueNegatives: Count,
  /** Null when nothing was called malicious. */
  precision: Share,
  /** Null when nothing was malicious. */
  recall: Share,
  /** Null when precision or recall is. */
  f1: Share,
});
export type BinaryScores = z.infer<typeof BinaryScoresSchema>;

export const ConfusionMatrixSchema = z.object({
  /** Rows: the expected verdict. */
  expected: z.array(DispositionSchema),
  /** Columns: the verdict given. */
  predicted: z.array(PredictedVerdictSchema),
  /** counts[row][column]. */
  counts: z.array(z.array(Count)),
});
export type ConfusionMatrix = z.infer<typeof ConfusionMatrixSchema>;

export interface VerdictPair {
  expected: Disposition;
  /** Ground truth: whether the scenario was an attack. */
  malicious: boolean;
  predicted: PredictedVerdict;
}

export function confusionMatrix(pairs: readonly VerdictPair[]): ConfusionMatrix {
  const expected = DispositionSchema.options;
  const predicted = PredictedVerdictSchema.options;
  const counts = expected.map((row) => predicted.map((column) => pairs.filter((pair) => pair.expected === row && pair.predicted === column).length));
  return { expected: [...expected], predicted: [...predicted], counts };
}

/**
 * Precision, recall and F1 of "malicious" against the truth's `malicious` flag. A suspicious verdict is not a
 * positive: it asks a person to look, it does not call an attack; a missing verdict is not one either.
 */
export function binaryScores(pairs: readonly VerdictPair[]): BinaryScores {
  const called = (pair: VerdictPair): boolean => pair.predicted === 'malicious';
  const truePositives = pairs.filter((pair) => pair.malicious && called(pair)).length;
  const falsePositives = pairs.filter((pair) => !pair.malicious && called(pair)).length;
  const falseNegatives = pairs.filter((pair) => pair.malicious && !called(pair)).length;
  const trueNegatives = pairs.filter((pair) => !pair.malicious && !called(pair)).length;
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}
