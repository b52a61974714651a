import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/env.js';
import type { Alert } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import { resolveFromRoot } from '../local-services/paths.js';
import { detectOnce } from '../producer/detect-once.js';
import { loadRulePack } from '../producer/load-rules.js';
import { resetDeployment } from '../store/reset-deployment.js';
import { createEsClient } from '../store/es-client.js';
import { getInvestigation } from '../store/investigation-store.js';
import { getReport } from '../store/report-store.js';
import { ingestEvents, installTelemetryTemplates } from '../store/telemetry-store.js';
import { loadDirectory, type LoadItem } from '../telemetry/real/load-directory.js';
import { LoadTally } from '../telemetry/real/load-tally.js';
import { investigationIdFor } from '../workers/chain.js';
import { startWorkers } from '../workers/start-workers.js';
import { gitState } from './provenance.js';
import { attributeAlerts, REAL_EVAL_RESULT_KIND, RealEvalResultSchema, type RealEvalResult, type RealInvestigationOutcome } from './real-eval-result.js';
import type { RealEvalOptions } from './real-eval-options.js';
import { waitForInvestigations } from '../workers/wait-for-investigations.js';

/** Detection reaches this far either side of the loaded events, so a correlation at an edge is complete. */
const WINDOW_MARGIN_MS = 3_600_000;

type Env = Readonly<Record<string, string | undefined>>;

/** Passes the load through, remembering which file each event came from and the span of their times. */
class LoadObserver {
  readonly fileOfEvent = new Map<string, string>();
  first: number | undefined;
  last: number | undefined;

  async *observe(items: AsyncIterable<LoadItem>): AsyncGenerator<LoadItem> {
    for await (const item of items) {
      if (item.kind === 'event') {
        this.fileOfEvent.set(item.event.event.id, item.file);
        const at = Date.parse(item.event['@timestamp']);
        this.first = this.first === undefined ? at : Math.min(this.first, at);
        this.last = this.last === undefined ? at : Math.max(this.last, at);
      }
      yield item;
    }
  }
}

/**
 * Real logs through the whole service: loaded with the real-log loader into a namespace of their own, every rule
 * run over the loaded events' time span (real recordings are years old, so the window comes from the data), every
 * alert investigated through the queues and the MCP server, and each alert attributed to the files its events
 * came from. A generated namespace and the run's prefix are deleted afterwards unless `keep` is set; a namespace
 * named with `--namespace` keeps its telemetry.
 */
export async function runRealEval(options: RealEvalOptions, env: Env, log: (line: string) => void): Promise<{ result: RealEvalResult; dir: string }> {
  if (options.analyst === 'claude' && !env.ANTHROPIC_API_KEY) {
    throw new SocAgentError('CONFIG_INVALID', '--analyst claude needs ANTHROPIC_API_KEY in the environment; the offline analyst needs none', { variables: ['ANTHROPIC_API_KEY'] });
  }
  const startedAt = new Date();
  const runId = randomBytes(4).toString('hex');
  const namespace = options.namespace ?? `evalreal${runId}`;
  const runEnv = { ...env, ANALYST: options.analyst, SOC_PREFIX: `evalreal-${runId}`, SOC_NAMESPACE: namespace };
  const config = loadConfig(runEnv);
  const name = options.name ?? `real-${startedAt.toISOString().replace(/[:.]/g, '-')}-${options.analyst}`;
  const dir = path.join(resolveFromRoot(options.out), name);
  mkdirSync(dir, { recursive: true });
  const workerLogFile = createWriteStream(path.join(dir, 'workers.log'));
  const es = createEsClient(config.elasticsearch);
  const deployment = { prefix: config.prefix, namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix };
  try {
    await installTelemetryTemplates(es, config.prefix, namespace);
    const tally = new LoadTally();
    const observer = new LoadObserver();
    const ingest = await ingestEvents(es, tally.events(observer.observe(loadDirectory(options.path, { namespace, ...(options.year === undefined ? {} : { year: options.year }) }))), { namespace });
    if (ingest.failed > 0) throw new SocAgentError('INGEST_FAILED', `${ingest.failed} documents were refused; first: ${ingest.failures[0]?.reason ?? 'unknown'}`, { failed: ingest.failed });
    log(`${tally.totals.files} files, ${tally.totals.mapped} events loaded into namespace ${namespace} (${tally.totals.skipped} skipped, ${tally.totals.malformed} malformed)`);

    let alerts: Alert[] = [];
    let window: RealEvalResult['window'] = null;
    if (observer.first !== undefined && observer.last !== undefined) {
      window = { from: new Date(observer.first - WINDOW_MARGIN_MS).toISOString(), to: new Date(observer.last + WINDOW_MARGIN_MS).toISOString() };
      const pack = loadRulePack(config.detection.rulesDir, namespace);
      for (const error of pack.errors) log(`rule error: ${error.message}`);
      const reports = await detectOnce(es, config, pack.rules, { from: new Date(window.from), to: new Date(window.to) });
      alerts = [...new Map(reports.flatMap((report) => report.outcomes.map((outcome) => [outcome.alert.id, outcome.alert] as const))).values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
      log(`detection over ${window.from} – ${window.to}: ${alerts.length} alerts`);
    }

    const outcomes: RealInvestigationOutcome[] = [];
    if (alerts.length > 0) {
      const workers = await startWorkers(es, config, (entry) => void workerLogFile.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`), { env: { ...runEnv, ANALYST: 'auto' } });
      try {
        await waitForInvestigations(es, config.prefix, alerts.map((alert) => alert.id), options.timeoutMinutes * 60_000, (done) => log(`${done} of ${alerts.length} investigations done`));
      } finally {
        await workers.close();
      }
      for (const alert of alerts) {
        const investigationId = investigationIdFor(alert.id);
        const investigation = await getInvestigation(es, config.prefix, investigationId);
        const report = await getReport(es, config.prefix, investigationId);
        outcomes.push({
          alert,
          verdict: report?.json.disposition ?? 'none',
          confidence: report?.json.confidence ?? null,
          probability: report ? (investigation?.assessment?.probability ?? null) : null,
          runbook: investigation?.runbook?.name ?? null,
        });
      }
    }
    const { files, alerts: attributed } = attributeAlerts(tally.files, outcomes, observer.fileOfEvent);
    const result = RealEvalResultSchema.parse({
      kind: REAL_EVAL_RESULT_KIND,
      version: 1,
      name,
      dir: options.path,
      analyst: options.analyst,
      prefix: config.prefix,
      namespace,
      window,
      git: gitState(),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      files,
      ignored: tally.ignored,
      alerts: attributed,
    });
    return { result, dir };
  } finally {
    await new Promise<void>((resolve) => workerLogFile.end(resolve));
    // A namespace the caller named may hold their data: its telemetry stays, the run's own indices and queues go.
    if (!options.keep) {
      await resetDeployment(es, deployment, { keepTelemetry: options.namespace !== undefined, removeTemplates: true }).catch((err: unknown) => log(`could not delete ${config.prefix} / ${namespace}: ${err instanceof Error ? err.message : String(err)}`));
    }
    await es.close();
  }
}
