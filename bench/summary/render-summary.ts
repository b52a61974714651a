import type { HeadlineRow } from './headlines.js';

export interface BenchmarkRun {
  name: string;
  /** The command as run, e.g. `npm run -s bench:mcp -- --skip-large`. */
  command: string;
  /** What the quick variant leaves out, when it was asked for. */
  quickSkips?: string;
  passed: boolean;
  /** Why it failed: the exit code, a missing result file. */
  failure?: string;
  seconds: number;
  /** Path of its result file, when it wrote one in this run. */
  resultFile?: string;
  headlines: HeadlineRow[];
}

export interface BenchSummaryInput {
  startedAt: Date;
  finishedAt: Date;
  revision: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string; elasticsearch: string };
  loadAverageAtStart: readonly number[];
  loadAverageAtEnd: readonly number[];
  runs: readonly BenchmarkRun[];
}

/** A table cell: one line, and no `|` to break the table. */
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const loads = (values: readonly number[]): string => values.map((value) => value.toFixed(2)).join(' / ');

/** The Markdown summary of one `npm run bench`: the machine, each benchmark's outcome and headline figures. */
export function renderBenchSummary(input: BenchSummaryInput): string {
  const { machine } = input;
  const failed = input.runs.filter((run) => !run.passed);
  const lines = [
    '# Benchmarks',
    '',
    `${input.quick ? 'Quick run' : 'Run'} of ${input.startedAt.toISOString()} to ${input.finishedAt.toISOString()} at revision ${input.revision}.`,
    '',
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}; Node ${machine.node}; Elasticsearch ${machine.elasticsearch}.`,
    `Load average (1 / 5 / 15 min) at the start ${loads(input.loadAverageAtStart)}, at the end ${loads(input.loadAverageAtEnd)}; with ${machine.cpus} cores, a load above ${machine.cpus} means other work competed for the CPU.`,
    '',
    failed.length === 0 ? `All ${input.runs.length} benchmarks ran.` : `${failed.length} of ${input.runs.length} benchmarks failed: ${failed.map((run) => run.name).join(', ')}.`,
    '',
    '| Benchmark | Outcome | Seconds | Result |',
    '| --- | --- | --- | --- |',
    ...input.runs.map((run) => `| ${run.name} | ${run.passed ? 'ok' : `FAILED: ${cell(run.failure ?? 'unknown')}`} | ${Math.round(run.seconds)} | ${run.resultFile ? `\`${run.resultFile}\`` : '–'} |`),
  ];
  for (const run of input.runs) {
    lines.push('', `## ${run.name}`, '', `\`${run.command}\`${run.quickSkips ? ` — quick: ${run.quickSkips}` : ''}`, '');
    if (!run.passed) lines.push(`**Failed**: ${run.failure ?? 'unknown'}.`, '');
    if (run.headlines.length === 0) {
      lines.push('No result file from this run.');
      continue;
    }
    lines.push('| Figure | Result | Baseline (same run) | Ratio |', '| --- | --- | --- | --- |');
    for (const row of run.headlines) lines.push(`| ${cell(row.figure)} | ${cell(row.result)} | ${cell(row.baseline) || '–'} | ${cell(row.ratio) || '–'} |`);
  }
  return `${lines.join('\n')}\n`;
}
