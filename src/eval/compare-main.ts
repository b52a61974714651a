import { parseArgs } from 'node:util';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { compareRuns } from './compare-runs.js';
import { readEvalResult } from './read-eval-result.js';
import { renderComparison } from './render-comparison.js';

const USAGE = 'usage: npm run eval:compare -- <before/result.json> <after/result.json>';

/**
 * `npm run eval:compare -- a.json b.json`: what changed between two eval runs (prompt drift, a model change), as
 * Markdown on stdout. Exits 1 when a metric dropped significantly, so a script can stop on it.
 */
runMain(async () => {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: {} });
  const [before, after] = positionals;
  if (positionals.length !== 2 || !before || !after) throw new SocAgentError('INPUT_INVALID', `expected two result files, got ${positionals.length}\n${USAGE}`);
  const comparison = compareRuns(readEvalResult(before), readEvalResult(after));
  process.stdout.write(renderComparison(comparison));
  if (comparison.significantDrops.length > 0) process.exitCode = 1;
});
