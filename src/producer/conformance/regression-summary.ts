import { percent } from './percent.js';
import { SAMPLE_OUTCOMES, type SampleOutcome, type SampleOutcomeKind } from './sample-outcome.js';

/** Outcomes of samples whose rule compiled: the ones the regression figure is measured against. */
const RULE_COMPILED: ReadonlySet<SampleOutcomeKind> = new Set(['matched', 'not_matched', 'sample_missing', 'sample_unmappable']);

/** The regression figures: what became of the samples, and how many of those a compiled rule could see it matched. */
export type RegressionSummary = {
  readonly total: number;
  readonly byOutcome: Record<SampleOutcomeKind, number>;
  /** Samples whose rule compiled. */
  readonly ruleCompiled: number;
  /** Samples whose rule compiled and that yielded at least one document. */
  readonly indexed: number;
  /** matched as a share of `ruleCompiled`: the conformance figure. */
  readonly matchedPercentOfCompiled: number;
  /** matched as a share of `indexed`: how the compiler does on the events we actually collect. */
  readonly matchedPercentOfIndexed: number;
  /** Tested samples (matched or not) whose `info.yml` states a match count. */
  readonly withExpectedCount: number;
  /** Of those, how many the query matched exactly as often as stated. */
  readonly exactCount: number;
};

export function summarizeRegression(outcomes: readonly SampleOutcome[]): RegressionSummary {
  const count = (kind: SampleOutcomeKind) => outcomes.filter((o) => o.outcome === kind).length;
  const byOutcome: Record<SampleOutcomeKind, number> = {
    matched: count('matched'),
    not_matched: count('not_matched'),
    rule_not_in_set: count('rule_not_in_set'),
    rule_unmapped: count('rule_unmapped'),
    rule_unsupported: count('rule_unsupported'),
    sample_missing: count('sample_missing'),
    sample_unmappable: count('sample_unmappable'),
  };
  const ruleCompiled = outcomes.filter((o) => RULE_COMPILED.has(o.outcome)).length;
  const indexed = byOutcome.matched + byOutcome.not_matched;
  const stated = outcomes.filter((o) => (o.outcome === 'matched' || o.outcome === 'not_matched') && o.expectedMatches !== undefined);
  return {
    total: outcomes.length,
    byOutcome,
    ruleCompiled,
    indexed,
    matchedPercentOfCompiled: percent(byOutcome.matched, ruleCompiled),
    matchedPercentOfIndexed: percent(byOutcome.matched, indexed),
    withExpectedCount: stated.length,
    exactCount: stated.filter((o) => o.hits === o.expectedMatches).length,
  };
}

/** The regression table, then every miss with what identifies it and why, then why samples went untested. */
export function renderRegressionSummary(summary: RegressionSummary, outcomes: readonly SampleOutcome[]): string {
  const pad = (text: string | number, width: number) => String(text).padEnd(width);
  const share = (count: number) => `${percent(count, summary.total)}%`;
  const lines = [`Sigma regression: ${summary.total} samples`, ''];
  for (const kind of SAMPLE_OUTCOMES) lines.push(`  ${pad(kind, 20)} ${pad(summary.byOutcome[kind], 6)} ${share(summary.byOutcome[kind])}`);
  lines.push(
    '',
    `  matched ${summary.byOutcome.matched} of ${summary.ruleCompiled} samples whose rule compiles: ${summary.matchedPercentOfCompiled}%`,
    `  matched ${summary.byOutcome.matched} of ${summary.indexed} samples indexed: ${summary.matchedPercentOfIndexed}%`,
    `  exact match count ${summary.exactCount} of ${summary.withExpectedCount} samples stating one`,
  );
  const misses = outcomes.filter((o) => o.outcome === 'not_matched');
  if (misses.length > 0) lines.push('', '  not matched:');
  for (const miss of misses) {
    lines.push(`    ${miss.ruleId} ${miss.ruleTitle ?? ''}`.trimEnd(), `      sample: ${miss.sampleFile ?? '-'}`, `      why: ${miss.reason ?? '-'}`);
  }
  const untested = outcomes.filter((o) => o.outcome === 'sample_unmappable' || o.outcome === 'rule_unsupported' || o.outcome === 'sample_missing');
  if (untested.length > 0) lines.push('', '  untested although the rule is ours:');
  for (const sample of untested) lines.push(`    ${pad(sample.outcome, 18)} ${sample.ruleId} ${sample.reason ?? ''}`.trimEnd());
  return `${lines.join('\n')}\n`;
}
