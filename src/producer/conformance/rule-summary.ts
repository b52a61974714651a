import { percent } from './percent.js';
import { RULE_OUTCOMES, type RuleOutcomeKind, type RuleOutcome } from './rule-outcome.js';

/** The figures of a rule collection: outcomes, compiled share of mapped rules, what stops the rest. */
export type ConformanceSummary = {
  readonly total: number;
  readonly byOutcome: Record<RuleOutcomeKind, number>;
  /** Rules whose log source we map and that parsed: compiled, unsupported, invalid at compile time, or crashed. */
  readonly mapped: number;
  readonly compiledPercentOfMapped: number;
  readonly byLogsource: { logsource: string; mapped: number; compiled: number; percent: number }[];
  readonly topUnsupportedFeatures: { feature: string; count: number }[];
  readonly topUnmappedLogsources: { logsource: string; count: number }[];
};

function countBy(values: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function summarizeOutcomes(outcomes: readonly RuleOutcome[]): ConformanceSummary {
  const count = (outcome: RuleOutcomeKind) => outcomes.filter((o) => o.outcome === outcome).length;
  const byOutcome: Record<RuleOutcomeKind, number> = {
    schema_invalid: count('schema_invalid'),
    parse_error: count('parse_error'),
    unmapped_logsource: count('unmapped_logsource'),
    unsupported: count('unsupported'),
    compiled: count('compiled'),
    internal_error: count('internal_error'),
  };
  const mappedOutcomes = outcomes.filter(
    (o) => o.logsource !== undefined && o.outcome !== 'unmapped_logsource' && o.outcome !== 'schema_invalid',
  );
  const byLogsource = countBy(mappedOutcomes.map((o) => o.logsource ?? '')).map(({ key, count }) => {
    const compiled = mappedOutcomes.filter((o) => o.logsource === key && o.outcome === 'compiled').length;
    return { logsource: key, mapped: count, compiled, percent: percent(compiled, count) };
  });
  return {
    total: outcomes.length,
    byOutcome,
    mapped: mappedOutcomes.length,
    compiledPercentOfMapped: percent(byOutcome.compiled, mappedOutcomes.length),
    byLogsource,
    topUnsupportedFeatures: countBy(outcomes.filter((o) => o.outcome === 'unsupported').map((o) => o.feature ?? '(unknown)'))
      .slice(0, 15)
      .map(({ key, count }) => ({ feature: key, count })),
    topUnmappedLogsources: countBy(outcomes.filter((o) => o.outcome === 'unmapped_logsource').map((o) => o.logsource ?? '(none)'))
      .slice(0, 10)
      .map(({ key, count }) => ({ logsource: key, count })),
  };
}

export function renderSummary(summary: ConformanceSummary): string {
  const pad = (text: string | number, width: number) => String(text).padEnd(width);
  const lines = [`Sigma conformance: ${summary.total} rule documents`, ''];
  for (const outcome of RULE_OUTCOMES) lines.push(`  ${pad(outcome, 20)} ${summary.byOutcome[outcome]}`);
  const { compiled } = summary.byOutcome;
  lines.push('', `  compiled ${compiled} of ${summary.mapped} mapped rules: ${summary.compiledPercentOfMapped}%`, '');
  lines.push(`  ${pad('log source', 40)} ${pad('mapped', 8)} ${pad('compiled', 9)} %`);
  for (const row of summary.byLogsource) {
    lines.push(`  ${pad(row.logsource, 40)} ${pad(row.mapped, 8)} ${pad(row.compiled, 9)} ${row.percent}`);
  }
  lines.push('', '  top unsupported features:');
  for (const row of summary.topUnsupportedFeatures) lines.push(`    ${pad(row.count, 6)} ${row.feature}`);
  lines.push('', '  top unmapped log sources (product/category/service):');
  for (const row of summary.topUnmappedLogsources) lines.push(`    ${pad(row.count, 6)} ${row.logsource}`);
  return `${lines.join('\n')}\n`;
}

