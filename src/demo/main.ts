import { parseArgs } from 'node:util';
import { buildTimeline } from '../../generators/timeline.js';
import { indexTimeline } from '../../generators/index-timeline.js';
import { redactUrl } from '../config/redact-url.js';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { scenarioForAlert } from '../domain/scenario-truth.js';
import { ensureServices } from '../local-services/services.js';
import { detectOnce } from '../producer/detect-once.js';
import { loadRulePack } from '../producer/load-rules.js';
import { createEsClient } from '../store/es-client.js';
import { resetDeployment } from '../store/reset-deployment.js';

const HOUR_MS = 3_600_000;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * The main job on embedded defaults: servers up, a clean slate for this prefix and namespace, a day of the
 * simulated organisation, detection over it, and a table of what was raised next to the ground truth.
 */
runMain(async (config) => {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, people: { type: 'string' } } });
  const seed = values.seed ?? '42';
  const people = Number(values.people ?? '50');
  if (!Number.isInteger(people) || people < 5 || people > 5_000) throw new SocAgentError('INPUT_INVALID', '--people: expected a whole number from 5 to 5000');

  say('1/3  servers');
  const health = await ensureServices(config, (line) => say(`     ${line}`));
  say(`     Redis ${health.redis.version} at ${redactUrl(config.redis.url)}, Elasticsearch ${health.elasticsearch.version} at ${redactUrl(config.elasticsearch.url)} (${health.elasticsearch.status})`);

  const es = createEsClient(config.elasticsearch);
  try {
    say(`     starting clean: removing earlier data of prefix ${config.prefix}, namespace ${config.namespace}`);
    await resetDeployment(es, { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix });
    const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const start = new Date(end - 24 * HOUR_MS);
    const timeline = buildTimeline({ seed, people, start, hours: 24, namespace: config.namespace });
    say(`2/3  telemetry: ${people} people, ${timeline.organisation.hosts.length} hosts, 24 h from ${start.toISOString()}, ${timeline.scenarios.length} scenarios (seed ${seed})`);
    const began = Date.now();
    const { generated, report } = await indexTimeline(es, config, timeline, (_event, count) => {
      if (count % 25_000 === 0) say(`     ${count} events…`);
    });
    say(`     ${generated} events: ${report.indexed} indexed, ${report.alreadyPresent} already there, ${report.failed} failed (${((Date.now() - began) / 1000).toFixed(0)} s)`);

    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    for (const error of pack.errors) say(`     rule error: ${error.message}`);
    say(`3/3  detection: ${pack.rules.length} Sigma rules over the day`);
    const reports = await detectOnce(es, config, pack.rules, { from: start, to: new Date(end + HOUR_MS / 2) });
    // A later match may update an alert raised earlier in the run: keep each alert's last version.
    const byId = new Map(reports.flatMap((entry) => entry.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const)));
    const alerts = [...byId.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    const truths = timeline.scenarios.map((scenario) => scenario.truth);

    say('');
    say(`${'alert'.padEnd(25)} ${'first seen'.padEnd(20)} ${'severity'.padEnd(9)} ${'rule'.padEnd(58)} ground truth`);
    for (const alert of alerts) {
      const truth = scenarioForAlert(alert, truths);
      const expected = truth ? `${truth.type} (${truth.expectedVerdict})` : 'none: a false positive';
      say(`${alert.id.padEnd(25)} ${alert.firstSeen.slice(0, 19).padEnd(20)} ${alert.severity.padEnd(9)} ${alert.rule.title.slice(0, 58).padEnd(58)} ${expected}`);
    }
    const detected = new Set(alerts.map((alert) => scenarioForAlert(alert, truths)?.id).filter(Boolean));
    say('');
    say(`${alerts.length} alerts; ${detected.size} of ${truths.length} scenarios detected.`);
    say(`Each alert is queued for investigation on ${config.queuePrefix}:classify. Servers keep running; stop them with: npm run services:down`);
  } finally {
    await es.close();
  }
});
