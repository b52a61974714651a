import type { MetricChange, RunComparison } from './compare-runs.js';

function value(metric: string, number: number | null): string {
  if (number === null) return '—';
  if (metric === 'usage.meanCostUsd') return `$${number.toFixed(5)}`;
  if (metric.startsWith('usage.') || metric === 'detection.falsePositiveAlerts') return number.toFixed(0);
  return number.toFixed(3);
}

function row(change: MetricChange): string {
  const delta = change.delta === null ? '—' : `${change.delta > 0 ? '+' : ''}${value(change.metric, change.delta)}`;
  const verdict = change.significant ? '**DROP**' : change.worse ? 'worse, within noise' : change.delta === null || change.delta === 0 ? 'same' : 'better';
  return `| ${change.label} | ${value(change.metric, change.before)} | ${value(change.metric, change.after)} | ${delta} | ${verdict} | ${change.rule} |`;
}

/** The comparison as Markdown: what differs in what was run, then every metric, significant drops in bold. */
export function renderComparison(comparison: RunComparison): string {
  const table = ['| Metric | Before | After | Change | Verdict | Rule |', '| --- | ---: | ---: | ---: | --- | --- |'];
  const changedTypes = comparison.scenarioTypes.filter((change) => change.delta !== null && change.delta !== 0);
  const lines = [
    `# ${comparison.before} → ${comparison.after}`,
    '',
    comparison.context.length > 0 ? 'What differs:' : 'Same analyst, models, prompts, runbooks, seeds and revision.',
    ...comparison.context.map((change) => `- ${change.what}: ${change.before} → ${change.after}`),
    '',
    ...table,
    ...comparison.metrics.map(row),
  ];
  if (changedTypes.length > 0) lines.push('', 'Scenario types whose verdict accuracy changed:', '', ...table, ...changedTypes.map(row));
  lines.push('', comparison.significantDrops.length > 0 ? `Significant drops: ${comparison.significantDrops.join(', ')}` : 'No significant drop.');
  return `${lines.join('\n')}\n`;
}
