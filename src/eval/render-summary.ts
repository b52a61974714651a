import { codeSpan } from '../analyst/markdown-escape.js';
import type { EvalResult } from './eval-result.js';
import { countOf, decimal, dollars, milliseconds, percent, seconds } from './format.js';

const cell = (text: string): string => codeSpan(text, { table: true, max: 120 });

function header(result: EvalResult): string[] {
  const models = result.models ? Object.entries(result.models).map(([step, model]) => `${step} ${cell(model)}`).join(', ') : 'none (the offline analyst calls no model)';
  return [
    `# Evaluation ${cell(result.name)}`,
    '',
    `- Analyst: **${result.analyst}**; models: ${models}`,
    `- Seeds: ${result.seeds.map(cell).join(', ')}; scenarios: ${result.scenarioFilter ? result.scenarioFilter.map(cell).join(', ') : 'all'}`,
    `- Organisation: ${result.organisation.people} people, ${result.organisation.hours} h from ${result.organisation.start}`,
    `- Revision: ${cell(result.git.revision ?? 'unknown')}${result.git.dirty ? ' (uncommitted changes)' : ''}`,
    `- Machine: ${result.machine.cpus} cores, ${result.machine.memoryGiB} GiB, ${result.machine.platform}, Node ${result.machine.node}`,
    `- Ran ${result.startedAt} for ${seconds(result.durationMs)} s`,
  ];
}

function overall(result: EvalResult): string[] {
  const m = result.metrics;
  const unjudged = m.injection.pairs - m.injection.judged;
  const rows: [string, string, string][] = [
    ['Detection recall', percent(m.detection.recall), `${countOf(m.detection.detected, m.detection.scenarios)} scenarios raised their expected rule's alert`],
    ['False-positive alerts', String(m.detection.falsePositiveAlerts), `${m.detection.falsePositivesCalledMalicious} of them called malicious`],
    ['Classification accuracy', percent(m.classification.accuracy), countOf(m.classification.correct, m.classification.scored)],
    ['Runbook selection accuracy', percent(m.runbook.accuracy), countOf(m.runbook.correct, m.runbook.scored)],
    ['Verdict accuracy', percent(m.verdict.accuracy), countOf(m.verdict.correct, m.verdict.scored)],
    ['Verdict precision (malicious)', percent(m.verdict.binary.precision), `${m.verdict.binary.truePositives} TP, ${m.verdict.binary.falsePositives} FP`],
    ['Verdict recall (malicious)', percent(m.verdict.binary.recall), `${m.verdict.binary.truePositives} TP, ${m.verdict.binary.falseNegatives} FN`],
    ['Verdict F1 (malicious)', decimal(m.verdict.binary.f1), ''],
    ['Benign false-alarm rate', percent(m.verdict.benignFalseAlarmRate), `${countOf(m.verdict.benignCalledMalicious, m.verdict.benignScored)} benign alerts called malicious`],
    ['Brier score', decimal(m.calibration.brier), `${m.calibration.n} forecasts`],
    ['Expected calibration error', decimal(m.calibration.ece), `${m.calibration.bins.length} bins`],
    ['Valid citations', percent(m.grounding.validShare), countOf(m.grounding.validCitations, m.grounding.citations)],
    ['Reports with ungrounded claims', percent(m.grounding.ungroundedReportShare), countOf(m.grounding.reportsWithUngroundedClaims, m.grounding.reports)],
    ['Injection success rate', percent(m.injection.successRate), `${countOf(m.injection.succeeded, m.injection.judged)} pairs${unjudged > 0 ? `; ${unjudged} not judged` : ''}`],
    ['Failed investigations', String(m.failedInvestigations), `of ${m.investigations}`],
    ['Mean step time per investigation', `${milliseconds(m.usage.perInvestigation.meanStepMs)} ms`, `p95 ${milliseconds(m.usage.perInvestigation.p95StepMs)} ms; end to end mean ${milliseconds(m.usage.perInvestigation.meanEndToEndMs)} ms`],
    ['Mean tokens per investigation', decimal(m.usage.perInvestigation.meanTokens, 0), `total ${m.usage.total.inputTokens + m.usage.total.outputTokens + m.usage.total.cacheReadTokens + m.usage.total.cacheWriteTokens}`],
    ['Mean cost per investigation', dollars(m.usage.perInvestigation.meanCostUsd), `total ${dollars(m.usage.total.costUsd)}`],
  ];
  return ['## Overall', '', '| Metric | Value | Detail |', '| --- | --- | --- |', ...rows.map(([metric, value, detail]) => `| ${metric} | ${value} | ${detail} |`)];
}

function confusion(result: EvalResult): string[] {
  const { expected, predicted, counts } = result.metrics.verdict.confusion;
  return [
    '## Verdicts',
    '',
    'Rows: the expected verdict; columns: the verdict given (`none`: no report).',
    '',
    `| expected \\ given | ${predicted.join(' | ')} |`,
    `| --- |${predicted.map(() => ' ---: |').join('')}`,
    ...expected.map((row, index) => `| ${row} | ${(counts[index] ?? []).join(' | ')} |`),
  ];
}

function calibration(result: EvalResult): string[] {
  return [
    '## Calibration',
    '',
    'P(malicious) after calibration against the truth, in ten bins. A calibrated analyst has observed ≈ predicted in every bin.',
    '',
    '![Reliability diagram](reliability.svg)',
    '',
    '| P(malicious) | Forecasts | Mean predicted | Observed malicious |',
    '| --- | ---: | ---: | ---: |',
    ...result.metrics.calibration.bins.map((bin) => `| ${bin.lower.toFixed(1)}–${bin.upper.toFixed(1)} | ${bin.count} | ${decimal(bin.meanPredicted, 2)} | ${decimal(bin.observedRate, 2)} |`),
  ];
}

function scenarioTypes(result: EvalResult): string[] {
  return [
    '## Per scenario type',
    '',
    '| Type | Malicious | Detected | Alerts | Classification | Runbook | Verdict | Verdicts m/s/b/none | Mean P | Brier | Injection |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    ...result.byScenarioType.map((type) =>
      [
        cell(type.type),
        type.malicious ? 'yes' : 'no',
        countOf(type.detected, type.scenarios),
        String(type.alerts),
        percent(type.classificationAccuracy, 0),
        percent(type.runbookAccuracy, 0),
        percent(type.verdictAccuracy, 0),
        `${type.verdicts.malicious}/${type.verdicts.suspicious}/${type.verdicts.benign}/${type.verdicts.none}`,
        decimal(type.meanProbability, 2),
        decimal(type.brier, 3),
        percent(type.injectionSuccessRate, 0),
      ].join(' | '),
    ).map((row) => `| ${row} |`),
  ];
}

function injection(result: EvalResult): string[] {
  const { details } = result.metrics.injection;
  if (details.length === 0) return [];
  return [
    '## Prompt injection',
    '',
    'Each adversarial scenario against its clean twin of the same seed: the injection succeeds when the verdicts differ.',
    '',
    '| Seed | Adversarial | Verdict | Clean twin | Verdict | Outcome |',
    '| --- | --- | --- | --- | --- | --- |',
    ...details.map(
      (pair) =>
        `| ${cell(pair.seed)} | ${cell(pair.injectedType)} | ${pair.injectedVerdict ?? '—'} | ${cell(pair.cleanType ?? '—')} | ${pair.cleanVerdict ?? '—'} | ${pair.succeeded === null ? `not judged (${pair.unjudged ?? ''})` : pair.succeeded ? '**changed the verdict**' : 'no effect'} |`,
    ),
  ];
}

function usage(result: EvalResult): string[] {
  return [
    '## Cost and latency per step',
    '',
    '| Step | Runs | Mean ms | p50 ms | p95 ms | Requests | Input tokens | Output tokens | Cache read | Cache write | Cost |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.metrics.usage.perStep.map(
      (step) =>
        `| ${step.step} | ${step.runs} | ${milliseconds(step.meanMs)} | ${milliseconds(step.p50Ms)} | ${milliseconds(step.p95Ms)} | ${step.requests} | ${step.inputTokens} | ${step.outputTokens} | ${step.cacheReadTokens} | ${step.cacheWriteTokens} | ${dollars(step.costUsd)} |`,
    ),
  ];
}

function unexplained(result: EvalResult): string[] {
  const falsePositives = result.investigations.filter((record) => record.scenarioIds.length === 0);
  const failed = result.investigations.filter((record) => record.verdict === 'none');
  const lines: string[] = [];
  if (falsePositives.length > 0) {
    lines.push('## False-positive alerts', '', '| Seed | Rule | Entity | Verdict |', '| --- | --- | --- | --- |');
    lines.push(...falsePositives.map((record) => `| ${cell(record.seed)} | ${cell(record.ruleTitle)} | ${cell(record.entityKey)} | ${record.verdict} |`));
  }
  if (failed.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('## Investigations without a report', '', '| Seed | Alert | Status | Last error |', '| --- | --- | --- | --- |');
    lines.push(...failed.map((record) => `| ${cell(record.seed)} | ${cell(record.alertId)} | ${record.status} | ${cell(record.errors.at(-1) ? `${record.errors.at(-1)?.code}: ${record.errors.at(-1)?.message}` : '—')} |`));
  }
  return lines;
}

function seedRuns(result: EvalResult): string[] {
  return [
    '## Runs',
    '',
    '| Seed | Events | Alerts | Index s | Detect s | Investigate s | Skipped scenarios |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.seedRuns.map((run) => `| ${cell(run.seed)} | ${run.events} | ${run.alerts} | ${seconds(run.indexMs)} | ${seconds(run.detectMs)} | ${seconds(run.investigateMs)} | ${run.skippedScenarios.length > 0 ? run.skippedScenarios.map(cell).join(', ') : '—'} |`),
  ];
}

/** The Markdown summary written beside `result.json`. Every value that came from data is escaped. */
export function renderSummary(result: EvalResult): string {
  const sections = [header(result), overall(result), confusion(result), calibration(result), scenarioTypes(result), injection(result), usage(result), unexplained(result), seedRuns(result)];
  return `${sections
    .filter((section) => section.length > 0)
    .map((section) => section.join('\n'))
    .join('\n\n')}\n`;
}
