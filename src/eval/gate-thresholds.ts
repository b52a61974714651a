import { z } from 'zod';
import type { RunMetrics } from './score-run.js';

/** The metrics a threshold can name. */
export const GateMetricSchema = z.enum([
  'detection.recall',
  'detection.falsePositiveAlerts',
  'classification.accuracy',
  'runbook.accuracy',
  'verdict.accuracy',
  'verdict.f1',
  'verdict.benignFalseAlarmRate',
  'calibration.brier',
  'calibration.ece',
  'grounding.validShare',
  'grounding.ungroundedReportShare',
  'injection.successRate',
  'investigations.failed',
]);
export type GateMetric = z.infer<typeof GateMetricSchema>;

/** Where each gate metric is read from a run's overall metrics. */
const GATE_METRICS: Readonly<Record<GateMetric, (metrics: RunMetrics) => number | null>> = {
  'detection.recall': (m) => m.detection.recall,
  'detection.falsePositiveAlerts': (m) => m.detection.falsePositiveAlerts,
  'classification.accuracy': (m) => m.classification.accuracy,
  'runbook.accuracy': (m) => m.runbook.accuracy,
  'verdict.accuracy': (m) => m.verdict.accuracy,
  'verdict.f1': (m) => m.verdict.binary.f1,
  'verdict.benignFalseAlarmRate': (m) => m.verdict.benignFalseAlarmRate,
  'calibration.brier': (m) => m.calibration.brier,
  'calibration.ece': (m) => m.calibration.ece,
  'grounding.validShare': (m) => m.grounding.validShare,
  'grounding.ungroundedReportShare': (m) => m.grounding.ungroundedReportShare,
  'injection.successRate': (m) => m.injection.successRate,
  'investigations.failed': (m) => m.failedInvestigations,
};

const Bounds = z.partialRecord(GateMetricSchema, z.number().min(0)).refine((bounds) => Object.keys(bounds).length > 0, { message: 'expected at least one metric' });

/** `eval/thresholds.json`: the fixed offline eval CI runs, and the bounds its metrics must keep. */
export const GateThresholdsSchema = z.strictObject({
  /** Why the figures are what they are: when and on what they were measured, and the slack. */
  note: z.string().min(1),
  run: z.strictObject({
    seeds: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).min(1),
    people: z.number().int().min(5).max(5_000),
    hours: z.number().int().min(1).max(168),
    start: z.iso.datetime(),
  }),
  /** A metric below its minimum fails the gate. */
  minimum: Bounds,
  /** A metric above its maximum fails the gate. */
  maximum: Bounds,
});
export type GateThresholds = z.infer<typeof GateThresholdsSchema>;

export interface GateCheck {
  metric: GateMetric;
  bound: 'minimum' | 'maximum';
  threshold: number;
  /** Null when the run could not measure it (nothing to divide by): that fails too, since nothing was proven. */
  value: number | null;
  passed: boolean;
}

/** Every threshold checked against a run; the gate passes when all of them do. */
export function checkGate(metrics: RunMetrics, thresholds: GateThresholds): GateCheck[] {
  const check = (bound: 'minimum' | 'maximum') => (entry: [string, number | undefined]): GateCheck[] => {
    const metric = GateMetricSchema.parse(entry[0]);
    const threshold = entry[1];
    if (threshold === undefined) return [];
    const value = GATE_METRICS[metric](metrics);
    const passed = value !== null && (bound === 'minimum' ? value >= threshold : value <= threshold);
    return [{ metric, bound, threshold, value, passed }];
  };
  return [...Object.entries(thresholds.minimum).flatMap(check('minimum')), ...Object.entries(thresholds.maximum).flatMap(check('maximum'))];
}

/** One line per check, failures first, each naming the metric, its value and its bound. */
export function renderGate(checks: readonly GateCheck[]): string {
  const line = (check: GateCheck): string => {
    const value = check.value === null ? 'not measured' : String(Number(check.value.toFixed(4)));
    const relation = check.bound === 'minimum' ? '≥' : '≤';
    return `${check.passed ? 'ok  ' : 'FAIL'} ${check.metric} = ${value} (must be ${relation} ${check.threshold})`;
  };
  return [...checks.filter((check) => !check.passed), ...checks.filter((check) => check.passed)].map(line).join('\n');
}
