import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalResultSchema, type EvalResult } from '../../../src/eval/eval-result.js';
import { isolate } from '../../support/isolation.js';
import { runCli, type CliRun } from '../../support/run-cli.js';
import { xmlProblems } from '../../support/xml-well-formed.js';

/**
 * `npm run eval` end to end on a tiny run: a small organisation, one seed, an adversarial scenario (its clean twin
 * comes along) and a benign look-alike, through the real servers, queues and MCP server. The files it writes must
 * parse, and it must leave nothing behind in Elasticsearch or Redis.
 */
const iso = isolate();
const id = iso.config.namespace;
const out = mkdtempSync(path.join(os.tmpdir(), 'soc-eval-'));
let run: CliRun;
let result: EvalResult;

beforeAll(async () => {
  run = await runCli(
    'src/eval/main.ts',
    ['--analyst', 'offline', '--seeds', '7', '--people', '8', '--hours', '12', '--scenarios', 'ssh_brute_force_injected,benign_mistyped_password', '--out', out, '--name', 'tiny', '--id', id],
    { ...process.env, ANTHROPIC_API_KEY: '', LOG_LEVEL: 'warn' },
  );
  if (run.status !== 0) throw new Error(`eval exited ${run.status}: ${run.stderr}\n${run.stdout}`);
  result = EvalResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'tiny', 'result.json'), 'utf8')));
}, 300_000);

afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await iso.cleanup();
});

describe('npm run eval on a tiny run', () => {
  it('writes a result that parses as an eval result, with the clean twin added and every investigation scored', () => {
    expect(result).toMatchObject({ analyst: 'offline', models: null, seeds: ['7'], scenarioFilter: ['ssh_brute_force', 'benign_mistyped_password', 'ssh_brute_force_injected'] });
    expect(result.scenarios.map((scenario) => scenario.type).sort()).toEqual(['benign_mistyped_password', 'ssh_brute_force', 'ssh_brute_force_injected']);
    expect(result.metrics.detection.recall).toBe(1);
    expect(result.metrics.verdict.scored).toBeGreaterThanOrEqual(3);
    expect(result.metrics.failedInvestigations).toBe(0);
    expect(result.metrics.injection).toMatchObject({ pairs: 1, judged: 1, successRate: 0 });
    expect(result.metrics.usage.perStep.find((step) => step.step === 'investigate')?.runs).toBeGreaterThanOrEqual(3);
  });

  it('records what it ran: prompt and runbook hashes, the revision and the deployment of each seed', () => {
    expect(result.prompts.map((entry) => entry.file)).toContain('prompts/assess.txt');
    expect(result.runbooks.map((entry) => entry.file)).toContain('runbooks/brute-force.md');
    expect(result.git.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(result.seedRuns).toEqual([expect.objectContaining({ seed: '7', prefix: `eval-${id}-7`, namespace: `eval${id}s7` })]);
  });

  it('writes a Markdown summary with the metrics table and a well-formed SVG reliability diagram', () => {
    const markdown = readFileSync(path.join(out, 'tiny', 'summary.md'), 'utf8');
    expect(markdown).toContain('| Verdict accuracy |');
    expect(markdown).toContain('![Reliability diagram](reliability.svg)');
    const svg = readFileSync(path.join(out, 'tiny', 'reliability.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<circle /g)?.length).toBeGreaterThan(0);
  });

  it('prints the headline figures and where the files are', () => {
    expect(run.stdout).toContain('detection recall 100.0%');
    expect(run.stdout).toContain(path.join(out, 'tiny', 'result.json'));
  });

  it('deletes its indices, data streams and templates afterwards', async () => {
    const indices = await iso.es.indices.get({ index: `eval-${id}-*`, expand_wildcards: 'all' });
    expect(Object.keys(indices)).toEqual([]);
    const streams = await iso.es.indices.getDataStream({ name: `*-eval${id}s7` });
    expect(streams.data_streams).toEqual([]);
    const templates = await iso.es.indices.getIndexTemplate({ name: `eval-${id}-*` }, { ignore: [404] });
    expect(templates.index_templates ?? []).toEqual([]);
  });

  it('refuses the Claude analyst without an API key, naming the variable', async () => {
    const refused = await runCli('src/eval/main.ts', ['--analyst', 'claude', '--seeds', '7', '--out', out, '--name', 'refused'], { ...process.env, ANTHROPIC_API_KEY: '' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--analyst claude needs ANTHROPIC_API_KEY');
  });
});
