import { z } from 'zod';

/** One bin of the reliability table: predictions in [lower, upper) (the last bin includes 1). */
export const ReliabilityBinSchema = z.object({
  lower: z.number().min(0).max(1),
  upper: z.number().min(0).max(1),
  count: z.number().int().min(0),
  /** Null for an empty bin. */
  meanPredicted: z.number().min(0).max(1).nullable(),
  observedRate: z.number().min(0).max(1).nullable(),
});
export type ReliabilityBin = z.infer<typeof ReliabilityBinSchema>;

export const CalibrationMetricsSchema = z.object({
  n: z.number().int().min(0),
  /** Mean squared difference between P(malicious) and the truth (0 or 1): 0 is perfect, 0.25 is a constant coin toss. */
  brier: z.number().min(0).max(1).nullable(),
  /** Expected calibration error: the count-weighted mean gap between predicted and observed rate per bin. */
  ece: z.number().min(0).max(1).nullable(),
  bins: z.array(ReliabilityBinSchema),
});
export type CalibrationMetrics = z.infer<typeof CalibrationMetricsSchema>;

export interface Forecast {
  /** P(malicious), 0–1. */
  probability: number;
  malicious: boolean;
}

/** Ten equal-width bins: enough to see the shape with a few dozen cases, the usual choice for ECE. */
export const RELIABILITY_BINS = 10;

export function brierScore(forecasts: readonly Forecast[]): number | null {
  if (forecasts.length === 0) return null;
  return forecasts.reduce((sum, forecast) => sum + (forecast.probability - (forecast.malicious ? 1 : 0)) ** 2, 0) / forecasts.length;
}

export function reliabilityTable(forecasts: readonly Forecast[], bins: number = RELIABILITY_BINS): ReliabilityBin[] {
  return Array.from({ length: bins }, (_, index) => {
    const lower = index / bins;
    const upper = (index + 1) / bins;
    const inside = forecasts.filter((forecast) => binOf(forecast.probability, bins) === index);
    const count = inside.length;
    return {
      lower,
      upper,
      count,
      meanPredicted: count > 0 ? inside.reduce((sum, forecast) => sum + forecast.probability, 0) / count : null,
      observedRate: count > 0 ? inside.filter((forecast) => forecast.malicious).length / count : null,
    };
  });
}

function binOf(probability: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(probability * bins)));
}

/** ECE over a reliability table: Σ (count / n) · |mean predicted − observed rate|. */
export function expectedCalibrationError(table: readonly ReliabilityBin[]): number | null {
  const n = table.reduce((sum, bin) => sum + bin.count, 0);
  if (n === 0) return null;
  return table.reduce((sum, bin) => (bin.meanPredicted === null || bin.observedRate === null ? sum : sum + (bin.count / n) * Math.abs(bin.meanPredicted - bin.observedRate)), 0);
}

export function calibrationMetrics(forecasts: readonly Forecast[], bins: number = RELIABILITY_BINS): CalibrationMetrics {
  const table = reliabilityTable(forecasts, bins);
  return { n: forecasts.length, brier: brierScore(forecasts), ece: expectedCalibrationError(table), bins: table };
}
