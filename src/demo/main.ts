import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildTimeline } from '../../generators/timeline.js';
import { indexTimeline } from '../../generators/index-timeline.js';
import { redactUrl } from '../config/redact-url.js';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { scenarioForAlert } from '../domain/scenario-truth.js';
import { DEV_DIR } from '../local-services/paths.js';
import { ensureServices } from '../local-services/services.js';
import { createLogger, logTo } from '../observability/logger.js';
import { detectOnce } from '../producer/detect-once.js';
import { loadRulePack } from '../producer/load-rules.js';
import { createEsClient } from '../store/es-client.js';
import { getInvestigation } from '../store/investigation-store.js';
import { getReport } from '../store/report-store.js';
import { investigationIdFor } from '../workers/chain.js';
import { startWorkers } from '../workers/start-workers.js';
import { waitForInvestigations } from '../workers/wait-for-investigations.js';
import { resetDeployment } from '../store/reset-deployment.js';

const HOUR_MS = 3_600_000;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * The main job on embedded defaults: servers up, a clean slate for this prefix and namespace, a day of the
 * simulated organisation, detection over it, every alert investigated through the six queues, and a table of
 * verdicts next to the ground truth.
 */
runMain(async (config) => {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, people: { type: 'string' } } });
  const seed = values.seed ?? '42';
  const people = Number(values.people ?? '50');
  if (!Number.isInteger(people) || people < 5 || people > 5_000) throw new SocAgentError('INPUT_INVALID', '--people: expected a whole number from 5 to 5000');

  say('1/4  servers');
  const health = await ensureServices(config, (line) => say(`     ${line}`));
  say(`     Redis ${health.redis.version} at ${redactUrl(config.redis.url)}, Elasticsearch ${health.elasticsearch.version} at ${redactUrl(config.elasticsearch.url)} (${health.elasticsearch.status})`);

  const es = createEsClient(config.elasticsearch);
  try {
    say(`     starting clean: removing earlier data of prefix ${config.prefix}, namespace ${config.namespace}`);
    await resetDeployment(es, { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix });
    const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const start = new Date(end - 24 * HOUR_MS);
    const timeline = buildTimeline({ seed, people, start, hours: 24, namespace: config.namespace });
    say(`2/4  telemetry: ${people} people, ${timeline.organisation.hosts.length} hosts, 24 h from ${start.toISOString()}, ${timeline.scenarios.length} scenarios (seed ${seed})`);
    const began = Date.now();
    const { generated, report } = await indexTimeline(es, config, timeline, (_event, count) => {
      if (count % 25_000 === 0) say(`     ${count} events…`);
    });
    say(`     ${generated} events: ${report.indexed} indexed, ${report.alreadyPresent} already there, ${report.failed} failed (${((Date.now() - began) / 1000).toFixed(0)} s)`);

    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    for (const error of pack.errors) say(`     rule error: ${error.message}`);
    say(`3/4  detection: ${pack.rules.length} Sigma rules over the day`);
    const reports = await detectOnce(es, config, pack.rules, { from: start, to: new Date(end + HOUR_MS / 2) });
    // A later match may update an alert raised earlier in the run: keep each alert's last version.
    const byId = new Map(reports.flatMap((entry) => entry.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const)));
    const alerts = [...byId.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    const truths = timeline.scenarios.map((scenario) => scenario.truth);
    const detected = new Set(alerts.map((alert) => scenarioForAlert(alert, truths)?.id).filter(Boolean));
    say(`     ${alerts.length} alerts; ${detected.size} of ${truths.length} scenarios detected`);

    say(`4/4  investigations: ${alerts.length} alerts through classify → select_runbook → investigate → assess → summarize → respond (${config.analyst} analyst)`);
    rmSync(path.join(DEV_DIR, 'reports'), { recursive: true, force: true });
    mkdirSync(path.join(DEV_DIR, 'reports'), { recursive: true });
    const workerLog = pino.destination({ dest: path.join(DEV_DIR, 'demo-workers.log'), sync: true });
    const workers = await startWorkers(es, config, logTo(createLogger({ service: 'workers', level: config.logLevel, destination: workerLog })));
    try {
      await waitForInvestigations(es, config.prefix, alerts.map((alert) => alert.id), 15 * 60_000, (done) => say(`     ${done} of ${alerts.length} done…`)).catch((err: unknown) => {
        throw err instanceof SocAgentError ? new SocAgentError(err.code, `${err.message}; see .dev/demo-workers.log`, err.context, { cause: err }) : err;
      });
    } finally {
      await workers.close();
      workerLog.end();
    }

    say('');
    say(`${'alert'.padEnd(25)} ${'rule'.padEnd(44)} ${'verdict'.padEnd(10)} ${'conf'.padEnd(5)} ${'ground truth'.padEnd(44)} report`);
    let agreed = 0;
    for (const alert of alerts) {
      const truth = scenarioForAlert(alert, truths);
      const investigationId = investigationIdFor(alert.id);
      const report = await getReport(es, config.prefix, investigationId);
      const investigation = report ? undefined : await getInvestigation(es, config.prefix, investigationId);
      const verdict = report ? report.json.disposition : `(${investigation?.status ?? 'missing'})`;
      const confidence = report ? report.json.confidence.toFixed(2) : '';
      if (report && truth && report.json.disposition === truth.expectedVerdict) agreed += 1;
      let link = '';
      if (report) {
        link = path.join(DEV_DIR, 'reports', `${investigationId}.md`);
        writeFileSync(link, report.markdown);
        link = path.relative(process.cwd(), link);
      }
      const expected = truth ? `${truth.type} → ${truth.expectedVerdict}` : 'none (false positive)';
      say(`${alert.id.padEnd(25)} ${alert.rule.title.slice(0, 44).padEnd(44)} ${verdict.padEnd(10)} ${confidence.padEnd(5)} ${expected.slice(0, 44).padEnd(44)} ${link}`);
    }
    say('');
    say(`${agreed} of ${alerts.length} verdicts agree with the ground truth. Reports (JSON and Markdown) are in the ${config.prefix}-reports index; the Markdown is also under .dev/reports/.`);
    say(`Queues live under ${config.queuePrefix} in Redis; worker logs are in .dev/demo-workers.log (one investigation's steps and tool calls: grep <investigation id> .dev/demo-workers.log). Servers keep running; stop them with: npm run services:down`);
  } finally {
    await es.close();
  }
});
