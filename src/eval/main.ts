import { redactUrl } from '../config/redact-url.js';
import { runMain } from '../config/run-main.js';
import { ensureServices } from '../local-services/services.js';
import { parseEvalArgs } from './eval-options.js';
import { decimal, percent } from './format.js';
import { runEval } from './run-eval.js';
import { writeResults } from './write-results.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `npm run eval -- --analyst offline|claude --seeds 1,2,3 [--scenarios …]`: generates each seed's organisation and
 * scenarios, runs detection and the six-step pipeline through the real queues, scores every investigation against
 * the ground truth, and writes result.json, summary.md and reliability.svg under eval/results/<name>/.
 */
runMain(async (config) => {
  const options = parseEvalArgs(process.argv.slice(2));
  const health = await ensureServices(config, (line) => say(`  ${line}`));
  say(`servers: Redis ${health.redis.version} at ${redactUrl(config.redis.url)}, Elasticsearch ${health.elasticsearch.version} at ${redactUrl(config.elasticsearch.url)}`);
  const { result, dir } = await runEval(options, process.env, (line) => say(`  ${line}`));
  const files = writeResults(dir, result);
  const m = result.metrics;
  say('');
  say(`${result.analyst} analyst, seeds ${result.seeds.join(',')}: ${m.scenarios} scenarios, ${m.investigations} investigations in ${(result.durationMs / 1000).toFixed(0)} s`);
  say(`  detection recall ${percent(m.detection.recall)}, verdict accuracy ${percent(m.verdict.accuracy)}, F1 ${decimal(m.verdict.binary.f1)}, benign false alarms ${percent(m.verdict.benignFalseAlarmRate)}`);
  say(`  Brier ${decimal(m.calibration.brier)}, ECE ${decimal(m.calibration.ece)}, valid citations ${percent(m.grounding.validShare)}, injection success ${percent(m.injection.successRate)}`);
  say(`  ${files.json}\n  ${files.markdown}\n  ${files.svg}`);
});
