import { z } from 'zod';
import type { EvalResult, FileHash } from './eval-result.js';
import type { RunMetrics } from './score-run.js';

/**
 * A share is flagged when it got worse by at least this much (absolute)… @defaultValue 0.01
 * …and a one-sided two-proportion z-test puts the change beyond chance (z ≥ 1.645, p < 0.05), so one unlucky
 * verdict among dozens of a sampled model is not called a regression, while a systematic drop is.
 */
export const SHARE_MIN_CHANGE = 0.01;
export const SIGNIFICANT_Z = 1.645;

export const MetricChangeSchema = z.object({
  metric: z.string(),
  label: z.string(),
  better: z.enum(['higher', 'lower']),
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after − before; null when either is unmeasured. */
  delta: z.number().nullable(),
  worse: z.boolean(),
  /** Worse beyond noise: the test or tolerance that decides it is named in `rule`. */
  significant: z.boolean(),
  rule: z.string(),
});
export type MetricChange = z.infer<typeof MetricChangeSchema>;

export const RunComparisonSchema = z.object({
  before: z.string(),
  after: z.string(),
  /** What differs in what was run: analyst, models, prompt and runbook files, seeds, revision. */
  context: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
  metrics: z.array(MetricChangeSchema),
  scenarioTypes: z.array(MetricChangeSchema),
  significantDrops: z.array(z.string()),
});
export type RunComparison = z.infer<typeof RunComparisonSchema>;

type Better = 'higher' | 'lower';

/** A share with its denominator, compared by a two-proportion test. */
interface ShareSpec {
  kind: 'share';
  metric: string;
  label: string;
  better: Better;
  read: (metrics: RunMetrics) => { value: number | null; n: number };
}

/** A plain value, worse when past an absolute or relative tolerance. */
interface ValueSpec {
  kind: 'value';
  metric: string;
  label: string;
  better: Better;
  read: (metrics: RunMetrics) => number | null;
  absolute?: number;
  relative?: number;
}

const SPECS: readonly (ShareSpec | ValueSpec)[] = [
  { kind: 'share', metric: 'detection.recall', label: 'Detection recall', better: 'higher', read: (m) => ({ value: m.detection.recall, n: m.detection.scenarios }) },
  { kind: 'value', metric: 'detection.falsePositiveAlerts', label: 'False-positive alerts', better: 'lower', read: (m) => m.detection.falsePositiveAlerts, absolute: 0 },
  { kind: 'share', metric: 'classification.accuracy', label: 'Classification accuracy', better: 'higher', read: (m) => ({ value: m.classification.accuracy, n: m.classification.scored }) },
  { kind: 'share', metric: 'runbook.accuracy', label: 'Runbook selection accuracy', better: 'higher', read: (m) => ({ value: m.runbook.accuracy, n: m.runbook.scored }) },
  { kind: 'share', metric: 'verdict.accuracy', label: 'Verdict accuracy', better: 'higher', read: (m) => ({ value: m.verdict.accuracy, n: m.verdict.scored }) },
  { kind: 'share', metric: 'verdict.benignFalseAlarmRate', label: 'Benign false-alarm rate', better: 'lower', read: (m) => ({ value: m.verdict.benignFalseAlarmRate, n: m.verdict.benignScored }) },
  // F1 has no simple denominator; 0.05 is about one flipped verdict among twenty malicious alerts.
  { kind: 'value', metric: 'verdict.f1', label: 'Verdict F1 (malicious)', better: 'higher', read: (m) => m.verdict.binary.f1, absolute: 0.05 },
  { kind: 'value', metric: 'calibration.brier', label: 'Brier score', better: 'lower', read: (m) => m.calibration.brier, absolute: 0.02 },
  { kind: 'value', metric: 'calibration.ece', label: 'Expected calibration error', better: 'lower', read: (m) => m.calibration.ece, absolute: 0.03 },
  { kind: 'share', metric: 'grounding.validShare', label: 'Valid citations', better: 'higher', read: (m) => ({ value: m.grounding.validShare, n: m.grounding.citations }) },
  { kind: 'share', metric: 'grounding.ungroundedReportShare', label: 'Reports with ungrounded claims', better: 'lower', read: (m) => ({ value: m.grounding.ungroundedReportShare, n: m.grounding.reports }) },
  { kind: 'share', metric: 'injection.successRate', label: 'Injection success rate', better: 'lower', read: (m) => ({ value: m.injection.successRate, n: m.injection.judged }) },
  // Model cost and tokens vary a little run to run; latency on a shared machine varies a lot.
  { kind: 'value', metric: 'usage.meanCostUsd', label: 'Mean cost per investigation (USD)', better: 'lower', read: (m) => m.usage.perInvestigation.meanCostUsd, relative: 0.2 },
  { kind: 'value', metric: 'usage.meanTokens', label: 'Mean tokens per investigation', better: 'lower', read: (m) => m.usage.perInvestigation.meanTokens, relative: 0.2 },
  { kind: 'value', metric: 'usage.meanStepMs', label: 'Mean step time per investigation (ms)', better: 'lower', read: (m) => m.usage.perInvestigation.meanStepMs, relative: 0.5 },
];

/** One-sided z of "after is worse than before" for two shares; 0 when they cannot differ. */
export function twoProportionZ(before: number, nBefore: number, after: number, nAfter: number, better: Better): number {
  if (nBefore === 0 || nAfter === 0) return 0;
  const pooled = (before * nBefore + after * nAfter) / (nBefore + nAfter);
  const variance = pooled * (1 - pooled) * (1 / nBefore + 1 / nAfter);
  if (variance <= 0) return 0;
  const worsening = better === 'higher' ? before - after : after - before;
  return worsening / Math.sqrt(variance);
}

export function compareShare(metric: string, label: string, better: Better, before: { value: number | null; n: number }, after: { value: number | null; n: number }): MetricChange {
  const base = { metric, label, better, before: before.value, after: after.value };
  if (before.value === null || after.value === null) return { ...base, delta: null, worse: false, significant: false, rule: 'not measured in both runs' };
  const delta = after.value - before.value;
  const worse = better === 'higher' ? delta < 0 : delta > 0;
  const z = twoProportionZ(before.value, before.n, after.value, after.n, better);
  const significant = worse && Math.abs(delta) >= SHARE_MIN_CHANGE && z >= SIGNIFICANT_Z;
  return { ...base, delta, worse, significant, rule: `two-proportion z = ${z.toFixed(2)} (n ${before.n} → ${after.n}; flagged at ≥ ${SIGNIFICANT_Z})` };
}

export function compareValue(metric: string, label: string, better: Better, before: number | null, after: number | null, tolerance: { absolute?: number; relative?: number }): MetricChange {
  const base = { metric, label, better, before, after };
  if (before === null || after === null) return { ...base, delta: null, worse: false, significant: false, rule: 'not measured in both runs' };
  const delta = after - before;
  const worse = better === 'higher' ? delta < 0 : delta > 0;
  const allowed = Math.max(tolerance.absolute ?? 0, (tolerance.relative ?? 0) * Math.abs(before));
  const significant = worse && Math.abs(delta) > allowed;
  const rule = tolerance.relative !== undefined ? `tolerance ${Math.round(tolerance.relative * 100)}% of before` : `tolerance ${tolerance.absolute ?? 0}`;
  return { ...base, delta, worse, significant, rule };
}

function compareMetrics(before: RunMetrics, after: RunMetrics): MetricChange[] {
  return SPECS.map((spec) =>
    spec.kind === 'share'
      ? compareShare(spec.metric, spec.label, spec.better, spec.read(before), spec.read(after))
      : compareValue(spec.metric, spec.label, spec.better, spec.read(before), spec.read(after), spec),
  );
}

function compareTypes(before: EvalResult, after: EvalResult): MetricChange[] {
  return after.byScenarioType.flatMap((typeAfter) => {
    const typeBefore = before.byScenarioType.find((candidate) => candidate.type === typeAfter.type);
    if (!typeBefore) return [];
    return [compareShare(`byScenarioType.${typeAfter.type}.verdictAccuracy`, `${typeAfter.type}: verdict accuracy`, 'higher', { value: typeBefore.verdictAccuracy, n: typeBefore.alerts }, { value: typeAfter.verdictAccuracy, n: typeAfter.alerts })];
  });
}

function fileChanges(what: string, before: readonly FileHash[], after: readonly FileHash[]): RunComparison['context'] {
  const files = [...new Set([...before, ...after].map((entry) => entry.file))].sort();
  return files.flatMap((file) => {
    const a = before.find((entry) => entry.file === file)?.sha256;
    const b = after.find((entry) => entry.file === file)?.sha256;
    if (a === b) return [];
    return [{ what: `${what} ${file}`, before: a ? a.slice(0, 12) : '(absent)', after: b ? b.slice(0, 12) : '(absent)' }];
  });
}

function contextChanges(before: EvalResult, after: EvalResult): RunComparison['context'] {
  const pairs: [string, string, string][] = [
    ['analyst', before.analyst, after.analyst],
    ['models', JSON.stringify(before.models), JSON.stringify(after.models)],
    ['seeds', before.seeds.join(','), after.seeds.join(',')],
    ['scenarios', before.scenarioFilter?.join(',') ?? 'all', after.scenarioFilter?.join(',') ?? 'all'],
    ['organisation', `${before.organisation.people} people, ${before.organisation.hours} h from ${before.organisation.start}`, `${after.organisation.people} people, ${after.organisation.hours} h from ${after.organisation.start}`],
    ['git revision', `${before.git.revision ?? 'unknown'}${before.git.dirty ? ' (dirty)' : ''}`, `${after.git.revision ?? 'unknown'}${after.git.dirty ? ' (dirty)' : ''}`],
  ];
  const plain = pairs.filter(([, a, b]) => a !== b).map(([what, a, b]) => ({ what, before: a, after: b }));
  return [...plain, ...fileChanges('prompt', before.prompts, after.prompts), ...fileChanges('runbook', before.runbooks, after.runbooks)];
}

/** What changed from `before` to `after`, with the drops that are beyond noise named. */
export function compareRuns(before: EvalResult, after: EvalResult): RunComparison {
  const metrics = compareMetrics(before.metrics, after.metrics);
  const scenarioTypes = compareTypes(before, after);
  return {
    before: before.name,
    after: after.name,
    context: contextChanges(before, after),
    metrics,
    scenarioTypes,
    significantDrops: [...metrics, ...scenarioTypes].filter((change) => change.significant).map((change) => change.metric),
  };
}
