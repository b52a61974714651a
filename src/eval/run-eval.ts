import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { indexTimeline } from '../../generators/index-timeline.js';
import { buildTimeline } from '../../generators/timeline.js';
import { loadConfig, type Config } from '../config/env.js';
import type { Alert } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import { resolveFromRoot } from '../local-services/paths.js';
import { detectOnce } from '../producer/detect-once.js';
import { loadRulePack } from '../producer/load-rules.js';
import { resetDeployment } from '../store/reset-deployment.js';
import { createEsClient } from '../store/es-client.js';
import { getInvestigation } from '../store/investigation-store.js';
import { getReport } from '../store/report-store.js';
import { investigationIdFor } from '../workers/chain.js';
import { startWorkers } from '../workers/start-workers.js';
import { EVAL_RESULT_KIND, EvalResultSchema, type EvalResult, type SeedRun } from './eval-result.js';
import type { EvalOptions } from './eval-options.js';
import { investigationRecord, type InvestigationRecord } from './investigation-record.js';
import { gitState, hashFiles, machine } from './provenance.js';
import { scenarioRecord, type ScenarioRecord } from './scenario-record.js';
import { scoreRun } from './score-run.js';
import { waitForInvestigations } from '../workers/wait-for-investigations.js';

const HOUR_MS = 3_600_000;
/** Detection reaches this far past the window, so a correlation ending at its edge is complete. */
const DETECT_TAIL_MS = HOUR_MS / 2;

type Env = Readonly<Record<string, string | undefined>>;

export interface EvalRun {
  result: EvalResult;
  /** The folder result.json, summary.md, reliability.svg and workers.log are written to. */
  dir: string;
}

/** The folder name of a run: its `--name`, or the start time and analyst. */
export function runName(options: Pick<EvalOptions, 'name' | 'analyst'>, startedAt: Date): string {
  return options.name ?? `${startedAt.toISOString().replace(/[:.]/g, '-')}-${options.analyst}`;
}

/** The prefix and namespace one seed of one run works in, apart from any demo, test or other run. */
export function seedDeployment(runId: string, seed: string): { prefix: string; namespace: string } {
  return { prefix: `eval-${runId}-${seed}`, namespace: `eval${runId}s${seed}` };
}

/** The latest version of each alert detection returned (a later match may have updated one raised earlier). */
function lastVersions(alerts: readonly Alert[]): Alert[] {
  return [...new Map(alerts.map((alert) => [alert.id, alert] as const)).values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
}

interface SeedOutcome {
  run: SeedRun;
  scenarios: ScenarioRecord[];
  investigations: InvestigationRecord[];
}

async function runSeed(seed: string, options: EvalOptions, env: Env, config: Config, log: (line: string) => void, workerLog: (entry: Record<string, unknown>) => void): Promise<SeedOutcome> {
  const es = createEsClient(config.elasticsearch);
  const deployment = { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix };
  try {
    await resetDeployment(es, deployment, { removeTemplates: true });
    const start = new Date(options.start);
    const timeline = buildTimeline({ seed, people: options.people, start, hours: options.hours, namespace: config.namespace, ...(options.scenarios ? { scenarios: options.scenarios } : {}) });
    const indexBegan = Date.now();
    const { generated } = await indexTimeline(es, config, timeline);
    const indexMs = Date.now() - indexBegan;
    log(`seed ${seed}: ${generated} events, ${timeline.scenarios.length} scenarios${timeline.skipped.length > 0 ? ` (${timeline.skipped.join(', ')} did not fit)` : ''} in ${config.prefix}`);

    const pack = loadRulePack(config.detection.rulesDir, config.namespace);
    if (pack.errors.length > 0) throw new SocAgentError('RULE_INVALID', `the rule pack has errors: ${pack.errors.map((error) => error.message).join('; ')}`);
    const ruleFileById = new Map(pack.rules.map((rule) => [rule.meta.id, path.basename(rule.file).replace(/\.ya?ml$/, '')]));
    const detectBegan = Date.now();
    const reports = await detectOnce(es, config, pack.rules, { from: start, to: new Date(start.getTime() + options.hours * HOUR_MS + DETECT_TAIL_MS) });
    const detectMs = Date.now() - detectBegan;
    const alerts = lastVersions(reports.flatMap((report) => report.outcomes.map((outcome) => outcome.alert)));
    log(`seed ${seed}: ${alerts.length} alerts; investigating with the ${config.analyst} analyst`);

    const investigateBegan = Date.now();
    // The MCP subprocess is not given the API key, so it must not be told ANALYST=claude (its config would refuse).
    const workers = await startWorkers(es, config, workerLog, { env: { ...env, ANALYST: 'auto' } });
    try {
      await waitForInvestigations(es, config.prefix, alerts.map((alert) => alert.id), options.timeoutMinutes * 60_000, (done) => log(`seed ${seed}: ${done} of ${alerts.length} investigations done`));
    } finally {
      await workers.close();
    }
    const investigateMs = Date.now() - investigateBegan;

    const truths = timeline.scenarios.map((scenario) => scenario.truth);
    const investigations: InvestigationRecord[] = [];
    for (const alert of alerts) {
      const investigationId = investigationIdFor(alert.id);
      investigations.push(
        investigationRecord({
          seed,
          alert,
          ruleFile: ruleFileById.get(alert.rule.id) ?? null,
          truths,
          investigation: await getInvestigation(es, config.prefix, investigationId),
          report: await getReport(es, config.prefix, investigationId),
        }),
      );
    }
    return {
      run: { seed, prefix: config.prefix, namespace: config.namespace, events: generated, alerts: alerts.length, skippedScenarios: timeline.skipped, indexMs, detectMs, investigateMs },
      scenarios: truths.map((truth) => scenarioRecord(seed, truth, investigations)),
      investigations,
    };
  } finally {
    // A failed clean-up is reported, not thrown: it must not hide why the seed failed.
    if (!options.keep) await resetDeployment(es, deployment, { removeTemplates: true }).catch((err: unknown) => log(`seed ${seed}: could not delete ${config.prefix} / ${config.namespace}: ${err instanceof Error ? err.message : String(err)}`));
    await es.close();
  }
}

/**
 * One evaluation: for each seed, in a prefix and namespace of its own, the organisation and its scenarios are
 * generated and indexed, detection runs over the window, every alert is investigated by the step workers through
 * the real queues and MCP server, and each investigation is scored against the scenarios' answer keys. The
 * deployments are deleted afterwards unless `keep` is set. Writes nothing itself; see `writeResults`.
 *
 * @param env the environment the run's configuration is read from, with the run's own prefix, namespace and
 *   analyst laid over it.
 */
export async function runEval(options: EvalOptions, env: Env, log: (line: string) => void): Promise<EvalRun> {
  if (options.analyst === 'claude' && !env.ANTHROPIC_API_KEY) {
    throw new SocAgentError('CONFIG_INVALID', '--analyst claude needs ANTHROPIC_API_KEY in the environment (and ANTHROPIC_BASE_URL for a proxy); the offline analyst needs neither', { variables: ['ANTHROPIC_API_KEY'] });
  }
  const startedAt = new Date();
  const name = runName(options, startedAt);
  const dir = path.join(resolveFromRoot(options.out), name);
  mkdirSync(dir, { recursive: true });
  const runId = options.id ?? randomBytes(4).toString('hex');
  const workerLogFile = createWriteStream(path.join(dir, 'workers.log'));
  const workerLog = (entry: Record<string, unknown>): void => void workerLogFile.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  const outcomes: SeedOutcome[] = [];
  let config: Config | undefined;
  try {
    for (const seed of options.seeds) {
      const seedEnv = { ...env, ANALYST: options.analyst, SOC_PREFIX: seedDeployment(runId, seed).prefix, SOC_NAMESPACE: seedDeployment(runId, seed).namespace };
      config = loadConfig(seedEnv);
      outcomes.push(await runSeed(seed, options, seedEnv, config, log, workerLog));
    }
  } finally {
    await new Promise<void>((resolve) => workerLogFile.end(resolve));
  }
  const scenarios = outcomes.flatMap((outcome) => outcome.scenarios);
  const investigations = outcomes.flatMap((outcome) => outcome.investigations);
  const score = scoreRun(scenarios, investigations);
  const finishedAt = new Date();
  const result = EvalResultSchema.parse({
    kind: EVAL_RESULT_KIND,
    version: 1,
    name,
    analyst: options.analyst,
    models: options.analyst === 'claude' && config ? config.anthropic.models : null,
    prompts: hashFiles('prompts', '.txt'),
    runbooks: hashFiles(config?.mcp.runbooksDir ?? 'runbooks', '.md'),
    seeds: options.seeds,
    scenarioFilter: options.scenarios ?? null,
    organisation: { people: options.people, hours: options.hours, start: new Date(options.start).toISOString() },
    git: gitState(),
    machine: machine(),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    seedRuns: outcomes.map((outcome) => outcome.run),
    metrics: score.overall,
    byScenarioType: score.byScenarioType,
    scenarios,
    investigations,
  });
  return { result, dir };
}
