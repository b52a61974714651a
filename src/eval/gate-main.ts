import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { resolveFromRoot } from '../local-services/paths.js';
import { ensureServices } from '../local-services/services.js';
import { EvalOptionsSchema } from './eval-options.js';
import { checkGate, GateThresholdsSchema, renderGate, type GateThresholds } from './gate-thresholds.js';
import { runEval } from './run-eval.js';
import { writeResults } from './write-results.js';

const DEFAULT_THRESHOLDS = 'eval/thresholds.json';

function readThresholds(file: string): GateThresholds {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolveFromRoot(file), 'utf8'));
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err });
  }
  const parsed = GateThresholdsSchema.safeParse(json);
  if (!parsed.success) throw new SocAgentError('INPUT_INVALID', `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`, { file });
  return parsed.data;
}

/**
 * `npm run eval:gate [-- --thresholds file]`: the small fixed eval of the offline analyst that CI runs. Writes its
 * results like `npm run eval`, then exits 1 naming every metric past its threshold in `eval/thresholds.json`.
 * Always offline: the Claude analyst is never run here, whatever key the environment holds.
 */
runMain(async (config) => {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { thresholds: { type: 'string' } } });
  const file = values.thresholds ?? DEFAULT_THRESHOLDS;
  const thresholds = readThresholds(file);
  await ensureServices(config, (line) => process.stdout.write(`  ${line}\n`));
  const options = EvalOptionsSchema.parse({ analyst: 'offline', seeds: thresholds.run.seeds.join(','), people: thresholds.run.people, hours: thresholds.run.hours, start: thresholds.run.start, name: `gate-${new Date().toISOString().replace(/[:.]/g, '-')}` });
  const { result, dir } = await runEval(options, process.env, (line) => process.stdout.write(`  ${line}\n`));
  const files = writeResults(dir, result);
  const checks = checkGate(result.metrics, thresholds);
  const failed = checks.filter((check) => !check.passed);
  process.stdout.write(`\neval gate: offline analyst, seeds ${result.seeds.join(',')}, ${result.organisation.people} people (${file}); results in ${files.markdown}\n${renderGate(checks)}\n`);
  if (failed.length > 0) {
    process.stdout.write(`eval gate FAILED: ${failed.map((check) => check.metric).join(', ')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('eval gate passed\n');
  }
});
