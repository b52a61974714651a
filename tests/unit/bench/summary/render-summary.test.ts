import { describe, expect, it } from 'vitest';
import { renderBenchSummary, type BenchSummaryInput } from '../../../../bench/summary/render-summary.js';

const input: BenchSummaryInput = {
  startedAt: new Date('2026-12-02T07:00:00Z'),
  finishedAt: new Date('2026-12-02T07:20:00Z'),
  revision: 'abc1234',
  quick: true,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 24, platform: 'linux 6.18', node: 'v20.20.2', elasticsearch: '8.19.21' },
  loadAverageAtStart: [4.1, 3.9, 3.5],
  loadAverageAtEnd: [5, 4.2, 3.8],
  runs: [
    {
      name: 'pipeline',
      command: 'npm run -s bench:pipeline -- --quick',
      quickSkips: '12 people instead of 20',
      passed: true,
      seconds: 74.6,
      resultFile: 'bench/results/pipeline.json',
      headlines: [{ figure: 'Investigations/s', result: '2.6/s', baseline: 'in-process 7.67/s', ratio: '0.339' }],
    },
    { name: 'api', command: 'npm run -s bench:api -- --duration 4', passed: false, failure: 'exit code 1', seconds: 12, headlines: [] },
  ],
};

describe('the benchmark summary', () => {
  const summary = renderBenchSummary(input);

  it('states the machine, the versions and the load at the start and the end', () => {
    expect(summary).toContain('Machine: 2 cores (AMD EPYC), 24 GiB, linux 6.18; Node v20.20.2; Elasticsearch 8.19.21.');
    expect(summary).toContain('at the start 4.10 / 3.90 / 3.50, at the end 5.00 / 4.20 / 3.80');
    expect(summary).toContain('Quick run of 2026-12-02T07:00:00.000Z');
  });

  it('lists a failed benchmark as failed, with its reason, beside the ones that ran', () => {
    expect(summary).toContain('1 of 2 benchmarks failed: api.');
    expect(summary).toContain('| api | FAILED: exit code 1 | 12 | – |');
    expect(summary).toContain('| pipeline | ok | 75 | `bench/results/pipeline.json` |');
    expect(summary).toMatch(/## api\n\n`npm run -s bench:api -- --duration 4`\n\n\*\*Failed\*\*: exit code 1\.\n\nNo result file from this run\./);
  });

  it('shows each headline beside its baseline and ratio, and what the quick variant skipped', () => {
    expect(summary).toContain('`npm run -s bench:pipeline -- --quick` — quick: 12 people instead of 20');
    expect(summary).toContain('| Investigations/s | 2.6/s | in-process 7.67/s | 0.339 |');
  });

  it('keeps a figure containing a pipe from breaking the table', () => {
    const piped = renderBenchSummary({ ...input, runs: [{ ...input.runs[0]!, headlines: [{ figure: 'a | b', result: 'x', baseline: '', ratio: '' }] }] });
    expect(piped).toContain('| a \\| b | x | – | – |');
  });
});
