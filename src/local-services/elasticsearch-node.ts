import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { redactUrl } from '../config/redact-url.js';
import { SocAgentError } from '../domain/errors.js';
import { createEsClient, fetchElasticsearchHealth, type ElasticsearchHealth } from '../store/es-client.js';
import { isLoopbackHost, requireCommand } from './commands.js';
import { DEV_DIR, REPO_ROOT, resolveFromRoot } from './paths.js';
import { PidFile, isRunning, sleep, stopProcess } from './pid-file.js';
import type { EnsureResult } from './redis-server.js';

const TOOL_DIR = path.join(REPO_ROOT, 'tools', 'dev-elasticsearch');
const TOOL_JAR = path.join(TOOL_DIR, 'target', 'dev-elasticsearch-1.0.0.jar');
const MAIN_CLASS = 'dev.socagent.elasticsearch.DevElasticsearch';
const START_TIMEOUT_MS = 180_000;

const pidFile = new PidFile(path.join(DEV_DIR, 'elasticsearch.pid'));

export interface DevElasticsearchOptions {
  url: string;
  /** Data and logs folder of the node, relative to the repository root unless absolute. */
  home: string;
  /** JVM heap, such as `1g`. */
  heap: string;
  log?: (line: string) => void;
}

/**
 * Uses the Elasticsearch that answers at `url`; otherwise builds (once) and starts the real server from
 * Maven Central jars in one JVM on loopback, and waits until the cluster is at least yellow.
 */
export async function ensureElasticsearch(options: DevElasticsearchOptions): Promise<EnsureResult<ElasticsearchHealth>> {
  const log = options.log ?? (() => undefined);
  const client = createEsClient({ url: options.url, username: undefined, password: undefined, apiKey: undefined }, { requestTimeoutMs: 5_000 });
  try {
    try {
      return { health: await fetchElasticsearchHealth(client, options.url), started: false };
    } catch (err) {
      const { hostname, port } = new URL(options.url);
      if (!isLoopbackHost(hostname)) throw err;
      if (pidFile.alive() === undefined) {
        buildDevElasticsearch(log);
        startNode(options.home, options.heap, port || '9200', log);
      } else {
        log('elasticsearch: a node started earlier is still coming up; waiting for it');
      }
      return { health: await waitForNode(options, client), started: true };
    }
  } finally {
    await client.close();
  }
}

/** Stops the node this project started; leaves any other Elasticsearch alone. Returns whether it stopped one. */
export async function stopElasticsearch(): Promise<boolean> {
  const pid = pidFile.alive();
  if (pid === undefined) return false;
  // The node flushes and closes its shards on SIGTERM; give it time before forcing.
  await stopProcess(pid, 30_000);
  pidFile.remove();
  return true;
}

/** Builds the launcher with Maven when its jar is missing or older than its sources. */
export function buildDevElasticsearch(log: (line: string) => void): void {
  if (existsSync(TOOL_JAR) && statSync(TOOL_JAR).mtimeMs >= newestSourceMtime(TOOL_DIR)) return;
  requireCommand('java', ['-version'], 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)');
  requireCommand('mvn', ['--version'], 'install Apache Maven (Debian: apt-get install maven)');
  log('elasticsearch: building tools/dev-elasticsearch with Maven (first run downloads the server jars)');
  const result = spawnSync('mvn', ['-q', '-B', '-f', path.join(TOOL_DIR, 'pom.xml'), 'package'], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new SocAgentError('SERVICE_START_FAILED', `Maven build of tools/dev-elasticsearch failed (exit ${String(result.status)})`, { tool: TOOL_DIR });
  }
}

function newestSourceMtime(dir: string): number {
  const files = [path.join(dir, 'pom.xml'), ...listFiles(path.join(dir, 'src'))];
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function startNode(home: string, heap: string, port: string, log: (line: string) => void): void {
  const homeDir = resolveFromRoot(home);
  const logDir = path.join(homeDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(path.join(homeDir, 'tmp'), { recursive: true });
  const consoleLog = path.join(logDir, 'console.log');
  const out = openSync(consoleLog, 'a');
  const classpath = [TOOL_JAR, path.join(TOOL_DIR, 'target', 'lib', '*')].join(path.delimiter);
  const child = spawn(
    'java',
    [`-Xms${heap}`, `-Xmx${heap}`, `-Djava.io.tmpdir=${path.join(homeDir, 'tmp')}`, '-cp', classpath, MAIN_CLASS, homeDir, port],
    { detached: true, stdio: ['ignore', out, out] },
  );
  if (child.pid === undefined) {
    throw new SocAgentError('SERVICE_START_FAILED', 'could not start java for the Elasticsearch node', { log: consoleLog });
  }
  pidFile.write(child.pid);
  child.unref();
  log(`elasticsearch: starting node (pid ${child.pid}, logs ${path.relative(REPO_ROOT, consoleLog)})`);
}

async function waitForNode(options: DevElasticsearchOptions, client: ReturnType<typeof createEsClient>): Promise<ElasticsearchHealth> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const consoleLog = path.join(resolveFromRoot(options.home), 'logs', 'console.log');
  for (;;) {
    const pid = pidFile.read();
    if (pid === undefined || !isRunning(pid)) {
      pidFile.remove();
      throw new SocAgentError('SERVICE_START_FAILED', `the Elasticsearch node exited while starting:\n${tail(consoleLog, 20)}`, { log: consoleLog });
    }
    try {
      await client.cluster.health({ wait_for_status: 'yellow', timeout: '2s' });
      return await fetchElasticsearchHealth(client, options.url);
    } catch {
      if (Date.now() > deadline) {
        throw new SocAgentError('SERVICE_START_FAILED', `Elasticsearch at ${redactUrl(options.url)} did not become ready within ${START_TIMEOUT_MS / 1000} s; see ${consoleLog}`, { log: consoleLog });
      }
      await sleep(500);
    }
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
