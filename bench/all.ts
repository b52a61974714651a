import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Config } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import { SocAgentError } from '../src/domain/errors.js';
import { REPO_ROOT } from '../src/local-services/paths.js';
import { createEsClient } from '../src/store/es-client.js';
import { gitRevision, machineDescription, writeBenchResult } from './results-file.js';
import { headlinesFor } from './summary/headlines.js';
import { renderBenchSummary, type BenchmarkRun } from './summary/render-summary.js';

/**
 * `npm run bench`: every benchmark in turn, each its own npm script in a child process, then one Markdown summary
 * of their result files (bench/results/summary.md). A failing benchmark is reported and the others still run;
 * the command exits 1 if any failed. `--quick` runs the smaller variant each benchmark offers.
 */
interface Benchmark {
  name: string;
  script: string;
  quickArgs: readonly string[];
  /** What `quickArgs` leave out. */
  quickSkips: string;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'ingest', script: 'bench:ingest', quickArgs: ['--people', '100', '--sample', '50000', '--skip-full'], quickSkips: 'the generator timed on 100 people instead of 500, a 50,000-event sample instead of 150,000, no end-to-end 500-person day' },
  { name: 'detect', script: 'bench:detect', quickArgs: ['--people', '30', '--runs', '3'], quickSkips: 'a 30-person baseline instead of 100, 3 runs of each rule query instead of 7' },
  { name: 'mcp', script: 'bench:mcp', quickArgs: ['--skip-large', '--iterations', '15'], quickSkips: 'no `search_events` on the ≥ 1 M-event index, 15 rounds per call instead of 40' },
  { name: 'pipeline', script: 'bench:pipeline', quickArgs: ['--quick'], quickSkips: '12 people instead of 20, each alert investigated once per side instead of three times' },
  { name: 'api', script: 'bench:api', quickArgs: ['--duration', '4'], quickSkips: '4 s of load per route instead of 10' },
];

const ResultStampSchema = z.looseObject({ measuredAt: z.iso.datetime() });
const RESULTS_DIR = path.join('bench', 'results');

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const loadAverage = (): number[] => os.loadavg().map((load) => Number(load.toFixed(2)));

function parseOptions(): { quick: boolean; only: Benchmark[] } {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } }, strict: true });
  const names = values.only?.split(',').map((name) => name.trim()) ?? BENCHMARKS.map((benchmark) => benchmark.name);
  const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new SocAgentError('INPUT_INVALID', `--only: unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}`, { field: 'only' });
  return { quick: values.quick === true, only: BENCHMARKS.filter((benchmark) => names.includes(benchmark.name)) };
}

function runScript(script: string, args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', script, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
}

/** The benchmark's result file if this run wrote it (a file left by an earlier run does not count). */
function freshResult(name: string, since: Date): { file: string; json: unknown } | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  try {
    const json: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    const stamp = ResultStampSchema.safeParse(json);
    return stamp.success && Date.parse(stamp.data.measuredAt) >= since.getTime() ? { file, json } : undefined;
  } catch {
    return undefined;
  }
}

async function elasticsearchVersion(config: Config): Promise<string> {
  const es = createEsClient(config.elasticsearch);
  try {
    return (await es.info()).version.number;
  } catch (err) {
    return `unreachable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    await es.close();
  }
}

runMain(async (config) => {
  const options = parseOptions();
  const startedAt = new Date();
  const loadAverageAtStart = loadAverage();
  const runs: BenchmarkRun[] = [];
  for (const benchmark of options.only) {
    const args = options.quick ? benchmark.quickArgs : [];
    const command = `npm run -s ${benchmark.script}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
    say(`\n=== ${benchmark.name}: ${command}`);
    const began = new Date();
    const exit = await runScript(benchmark.script, args);
    const seconds = (Date.now() - began.getTime()) / 1000;
    const result = freshResult(benchmark.name, began);
    const failure =
      exit.code !== 0 ? (exit.signal ? `ended by ${exit.signal}` : `exit code ${exit.code ?? 'unknown (did not start)'}`) : result ? undefined : `no fresh ${benchmark.name}.json was written`;
    runs.push({
      name: benchmark.name,
      command,
      ...(options.quick ? { quickSkips: benchmark.quickSkips } : {}),
      passed: failure === undefined,
      ...(failure ? { failure } : {}),
      seconds,
      ...(result ? { resultFile: result.file } : {}),
      headlines: result ? headlinesFor(benchmark.name, result.json) : [],
    });
    say(`=== ${benchmark.name}: ${failure ? `FAILED (${failure})` : 'ok'} in ${seconds.toFixed(0)} s`);
  }

  const machine = machineDescription();
  const summary = renderBenchSummary({
    startedAt,
    finishedAt: new Date(),
    revision: gitRevision(),
    quick: options.quick,
    machine: { cpus: machine.cpus, cpuModel: machine.cpuModel, memoryGiB: machine.memoryGiB, platform: machine.platform, node: machine.node, elasticsearch: await elasticsearchVersion(config) },
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
    runs,
  });
  const summaryFile = path.join(RESULTS_DIR, 'summary.md');
  writeFileSync(path.join(REPO_ROOT, summaryFile), summary);
  writeBenchResult('summary', { quick: options.quick, loadAverageAtStart, runs: runs.map(({ headlines: _headlines, ...run }) => run) });
  const failed = runs.filter((run) => !run.passed);
  say(`\n${summary}`);
  say(failed.length === 0 ? `written ${summaryFile}` : `${failed.length} benchmark(s) failed: ${failed.map((run) => run.name).join(', ')}; written ${summaryFile}`);
  if (failed.length > 0) process.exitCode = 1;
});
