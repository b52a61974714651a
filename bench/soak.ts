import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import { DEV_DIR, REPO_ROOT } from '../src/local-services/paths.js';
import { resetDeployment } from '../src/store/reset-deployment.js';
import { createEsClient, type EsClient } from '../src/store/es-client.js';
import { telemetryDataStreams } from '../src/store/event-store.js';
import { freePort } from '../src/local-services/free-port.js';
import { writeBenchResult } from './results-file.js';
import { killAll, startChild, stopChild, tailOf, type RunningChild, type StopOutcome } from './soak/child-processes.js';
import { judgeSoak, SOAK_LIMITS } from './soak/judge-soak.js';
import { createSampler } from './soak/sample-service.js';
import type { ProcessDeath, SoakSample } from './soak/soak-sample.js';
import { parseSoakOptions } from './soak/soak-options.js';

/**
 * The soak: the generator (follow mode), the producer, the workers and the API as real processes on their own
 * prefix and namespace, under load for a set time with the offline analyst, sampled every few seconds. It fails
 * (exit 1) when queues grow without bound, memory keeps rising, a process dies, or no report is written; the
 * samples and the verdict go to bench/results/soak.json.
 */
const PREFIX = 'soak';
const NAMESPACE = 'soak';
/** Four processes compile their TypeScript at once on start; on two shared cores that takes a while. */
const READY_TIMEOUT_MS = 180_000;
/** Workers finish the steps in progress on SIGTERM; an offline step takes well under a second. */
const STOP_TIMEOUT_MS = 20_000;
const LOG_DIR = path.join(DEV_DIR, 'soak');

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

async function hasEvents(es: EsClient): Promise<boolean> {
  try {
    return (await es.count({ index: telemetryDataStreams(NAMESPACE), ignore_unavailable: true, allow_no_indices: true })).count > 0;
  } catch {
    return false;
  }
}

runMain(async (base) => {
  const options = parseSoakOptions(process.argv.slice(2));
  const config = loadConfig({ ...process.env, SOC_PREFIX: PREFIX, SOC_NAMESPACE: NAMESPACE, ANALYST: 'offline' });
  const deployment = { prefix: config.prefix, namespace: config.namespace, redisUrl: config.redis.url, queuePrefix: config.queuePrefix };
  const es = createEsClient(config.elasticsearch);
  const children: RunningChild[] = [];
  const samples: SoakSample[] = [];
  const stops: StopOutcome[] = [];
  const problems: string[] = [];
  /** Log tails of processes that died, printed and kept in the result. */
  const diagnostics: Record<string, string[]> = {};
  const loadAtStart = os.loadavg().map((load) => Number(load.toFixed(2)));
  const elasticsearchVersion = (await es.info()).version.number;

  const interrupted = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted.signal.aborted) {
      killAll(children);
      process.exit(130);
    }
    say(`${signal}: stopping the processes and cleaning up (again to abandon)`);
    interrupted.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => killAll(children));

  let startedAt = Date.now();
  let startupSeconds: number | null = null;
  try {
    say(`soak: ${options.minutes} min at ${options.rate} events/s, a scenario every ${options['scenario-every']} min, rules every ${options['detect-every']} s; prefix ${PREFIX}, namespace ${NAMESPACE}`);
    await resetDeployment(es, deployment);
    const [producerPort, workersPort, apiPort] = await distinctFreePorts(3);
    const apiToken = randomBytes(24).toString('base64url');
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const env = {
      ...process.env,
      ANTHROPIC_API_KEY: undefined,
      ANALYST: 'offline',
      SOC_PREFIX: PREFIX,
      SOC_NAMESPACE: NAMESPACE,
      REDIS_URL: base.redis.url,
      ELASTICSEARCH_URL: base.elasticsearch.url,
      DETECT_INTERVAL_SECONDS: String(options['detect-every']),
      METRICS_HOST: '127.0.0.1',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      API_TOKEN: apiToken,
    };
    const launchedAt = Date.now();
    const node = (name: string, main: string, args: readonly string[] = [], extra: Record<string, string> = {}): RunningChild =>
      startChild({ name, command: process.execPath, args: ['--import', 'tsx', main, ...args], env: { ...env, ...extra }, cwd: REPO_ROOT, logFile: path.join(LOG_DIR, `${name}.log`) });
    children.push(
      node('api', 'src/api/main.ts'),
      node('workers', 'src/workers/main.ts', [], { METRICS_PORT: String(workersPort) }),
      node('producer', 'src/producer/main.ts', [], { METRICS_PORT: String(producerPort) }),
      node('generator', 'generators/main.ts', ['--follow', '--rate', String(options.rate), '--people', String(options.people), '--seed', 'soak', '--scenario-every', String(options['scenario-every'])]),
    );
    say(`started ${children.map((child) => `${child.name} (pid ${child.pid})`).join(', ')}; logs in ${path.relative(process.cwd(), LOG_DIR)}/`);

    const readiness: Record<string, () => Promise<boolean>> = {
      api: () => answers(`${apiUrl}/readyz`),
      workers: () => answers(`http://127.0.0.1:${workersPort}/readyz`),
      producer: () => answers(`http://127.0.0.1:${producerPort}/readyz`),
      generator: () => hasEvents(es),
    };
    const pending = new Set(children.map((child) => child.name));
    const readyBy = Date.now() + READY_TIMEOUT_MS;
    while (pending.size > 0 && !interrupted.signal.aborted) {
      const dead = children.find((child) => child.exit);
      if (dead) throw new Error(`${dead.name} ended while starting (see its log below)`);
      if (Date.now() > readyBy) throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s: ${[...pending].join(', ')}`);
      for (const name of [...pending]) if (await (readiness[name] ?? (async () => true))()) pending.delete(name);
      if (pending.size > 0) await sleep(1_000, undefined, { signal: interrupted.signal }).catch(() => undefined);
    }

    const sampler = createSampler({ es, prefix: PREFIX, namespace: NAMESPACE, apiUrl, apiToken, processes: () => children.filter((child) => !child.exit) });
    startedAt = Date.now();
    const endAt = startedAt + options.minutes * 60_000;
    const anyDeath = new AbortController();
    for (const child of children) void child.exited.then(() => anyDeath.abort());
    const stopSampling = AbortSignal.any([interrupted.signal, anyDeath.signal]);
    startupSeconds = Math.round((startedAt - launchedAt) / 1000);
    say(`all four ready after ${startupSeconds} s; sampling every ${options['sample-every']} s`);
    let lastLine = 0;
    while (Date.now() < endAt && !stopSampling.aborted) {
      const sample = await sampler.sample(startedAt);
      samples.push(sample);
      if (Date.now() - lastLine >= 60_000 || lastLine === 0) {
        lastLine = Date.now();
        const memory = Object.entries(sample.rssMiB).map(([name, mib]) => `${name} ${mib.toFixed(0)}`).join(', ');
        say(`  ${sample.minutes.toFixed(1)} min: backlog ${sample.backlog ?? '?'}, events ${sample.events ?? '?'}, alerts ${sample.alerts ?? '?'}, reports ${sample.reports ?? '?'}; RSS MiB: ${memory}`);
      }
      await sleep(Math.max(0, Math.min(options['sample-every'] * 1_000, endAt - Date.now())), undefined, { signal: stopSampling }).catch(() => undefined);
    }
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    const stoppingAt = Date.now();
    const deaths: ProcessDeath[] = children
      .filter((child) => child.exit && child.exit.at <= stoppingAt)
      .map((child) => ({ name: child.name, code: child.exit?.code ?? null, signal: child.exit?.signal ?? null, minutes: Math.max(0, ((child.exit?.at ?? stoppingAt) - startedAt) / 60_000) }));
    for (const child of children) if (child.exit && child.exit.at <= stoppingAt) diagnostics[child.name] = tailOf(child.logFile);
    // The load first, then what consumes it; the API last, so the queues stay observable to the end.
    for (const name of ['generator', 'producer', 'workers', 'api']) {
      const child = children.find((candidate) => candidate.name === name);
      if (child) stops.push(await stopChild(child, STOP_TIMEOUT_MS));
    }
    await resetDeployment(es, deployment, { removeTemplates: true }).catch((err: unknown) => problems.push(`clean-up of prefix ${PREFIX} failed: ${err instanceof Error ? err.message : String(err)}`));
    await es.close();

    const judgement = judgeSoak(samples, deaths);
    const reasons = [...judgement.reasons];
    if (interrupted.signal.aborted) reasons.push(`interrupted by ${String(interrupted.signal.reason)} after ${judgement.figures.minutes} of ${options.minutes} min`);
    else if (samples.length === 0 && problems.length === 0) reasons.push('no sample was taken');
    reasons.push(...problems);
    const passed = reasons.length === 0;
    const file = writeBenchResult('soak', {
      parameters: { ...options, prefix: PREFIX, namespace: NAMESPACE, analyst: 'offline', limits: SOAK_LIMITS },
      environment: { loadAverageAtStart: loadAtStart, elasticsearch: elasticsearchVersion, startupSeconds },
      processes: children.map((child) => ({ name: child.name, pid: child.pid, log: path.relative(REPO_ROOT, child.logFile), stop: stops.find((stop) => stop.name === child.name) ?? null })),
      summary: judgement.figures,
      verdict: { passed, reasons, notes: judgement.notes, logTails: diagnostics },
      samples,
    });
    for (const [name, lines] of Object.entries(diagnostics)) say(`${name}'s log ends:\n  ${lines.join('\n  ')}`);
    for (const note of judgement.notes) say(`note: ${note}`);
    const figures = judgement.figures;
    say(
      `${figures.minutes} min, ${figures.samples} samples: ${figures.eventsPerSecond ?? '?'} events/s, ${figures.alerts ?? '?'} alerts (${figures.alertsPerMinute ?? '?'}/min), ${figures.reports} reports, report latency p50 ${figures.reportLatencyMs?.p50 ?? '?'} ms p95 ${figures.reportLatencyMs?.p95 ?? '?'} ms, backlog max ${figures.backlog?.max ?? '?'}`,
    );
    say(passed ? `soak passed; written ${file}` : `soak FAILED:\n  ${reasons.join('\n  ')}\nwritten ${file}`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.exitCode = passed ? 0 : interrupted.signal.aborted ? 130 : 1;
  }
});
