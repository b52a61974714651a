import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMain } from '../config/run-main.js';
import { ensureServices } from '../local-services/services.js';
import { parseRealEvalArgs } from './real-eval-options.js';
import { renderRealSummary } from './render-real-summary.js';
import { runRealEval } from './run-real-eval.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `npm run eval:real -- <dir> [--namespace n]`: real logs through detection and investigation; per file, the
 * records loaded, the rules that fired and the verdicts, on stdout (Markdown) and in real-result.json.
 */
runMain(async (config) => {
  const options = parseRealEvalArgs(process.argv.slice(2));
  await ensureServices(config, (line) => say(`  ${line}`));
  const { result, dir } = await runRealEval(options, process.env, (line) => say(`  ${line}`));
  const markdown = renderRealSummary(result);
  writeFileSync(path.join(dir, 'real-result.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(dir, 'real-summary.md'), markdown);
  say('');
  say(markdown);
  say(`${path.join(dir, 'real-result.json')}\n${path.join(dir, 'real-summary.md')}`);
});
