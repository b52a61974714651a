import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildTimeline } from '../generators/timeline.js';
import type { Config } from '../src/config/env.js';
import { runMain } from '../src/config/run-main.js';
import type { Alert } from '../src/domain/alert.js';
import { freePort } from '../src/local-services/free-port.js';
import { McpClient, localStdioConnection } from '../src/mcp-server/client.js';
import { responseBytes } from '../src/mcp-server/response-budget.js';
import type { ToolName } from '../src/mcp-server/server.js';
import { createAlert, ensureAlertIndex } from '../src/store/alert-store.js';
import { createEsClient, type EsClient } from '../src/store/es-client.js';
import { telemetryDataStreams } from '../src/store/event-store.js';
import { saveOrganisation } from '../src/store/organisation-store.js';
import { ingestEvents, installTelemetryTemplates } from '../src/store/telemetry-store.js';
import { percentile, summarise } from './percentiles.js';
import { writeBenchResult } from './results-file.js';

/**
 * Latency and size of the MCP tools as a worker sees them: p50/p95 per tool over stdio and over HTTP (each
 * server a subprocess, as in production), the size distribution of responses, and `search_events` on a large
 * index (540 people × 24 h, just over 1 M events, generated once into its own namespace and kept for later runs).
 */
const { values } = parseArgs({
  options: { people: { type: 'string' }, hours: { type: 'string' }, iterations: { type: 'string' }, 'skip-large': { type: 'boolean' } },
});
// 500 people × 24 h give about 0.95 M events with the current generators; 540 give just over 1 M.
const largePeople = Number(values.people ?? 540);
const largeHours = Number(values.hours ?? 24);
const iterations = Number(values.iterations ?? 40);
const START = new Date('2026-11-18T00:00:00Z');
const DAY_END = '2026-11-19T00:00:00Z';
const PREFIX = 'bench-mcp';
const SMALL = 'benchmcp';
const LARGE = `benchmcp${largePeople}p${largeHours}h`;
const TOKEN = 'bench-token-0123456789abcdef';

const say = (line: string): void => void process.stderr.write(`${line}\n`);
/** Every response size seen, all tools and transports, for the distribution. */
const allSizes: number[] = [];

async function countEvents(es: EsClient, namespace: string): Promise<number> {
  const { count } = await es.count({ index: telemetryDataStreams(namespace), ignore_unavailable: true, allow_no_indices: true });
  return count;
}

/** Generates and indexes a namespace unless it already holds that many events (ids are stable, so a rerun adds nothing). */
async function ensureDataset(es: EsClient, namespace: string, people: number, hours: number): Promise<ReturnType<typeof buildTimeline>> {
  const timeline = buildTimeline({ seed: '42', people, start: START, hours, namespace });
  const present = await countEvents(es, namespace);
  if (present === 0) {
    say(`indexing ${people} people × ${hours} h into ${namespace} (once; later runs reuse it)`);
    await installTelemetryTemplates(es, `${PREFIX}-${namespace}`, namespace);
    const report = await ingestEvents(es, timeline.events(), { namespace });
    say(`  ${report.indexed} events in ${(report.durationMs / 1000).toFixed(0)} s, ${report.failed} failed`);
  } else {
    say(`${namespace}: ${present} events already indexed`);
  }
  await saveOrganisation(es, `${PREFIX}-${namespace}`, timeline.organisation);
  return timeline;
}

async function seedAlerts(es: EsClient, namespace: string, timeline: ReturnType<typeof buildTimeline>): Promise<Alert[]> {
  const prefix = `${PREFIX}-${namespace}`;
  await ensureAlertIndex(es, prefix);
  const alerts = timeline.scenarios.slice(0, 5).map((scenario, index): Alert => ({
    id: `al-bench${String(index).padStart(4, '0')}`,
    rule: { id: `bench_${scenario.truth.type}`, title: scenario.truth.description.slice(0, 80), level: 'high', tags: [], techniques: scenario.truth.techniques, tactics: [], falsepositives: [] },
    severity: 'high',
    status: 'new',
    entityKey: `scenario=${scenario.truth.id}`,
    entities: { users: scenario.truth.entities.users, hosts: scenario.truth.entities.hosts, sourceIps: scenario.truth.entities.ips, destinationIps: [], cloudPrincipals: scenario.truth.entities.cloudPrincipals },
    firstSeen: scenario.truth.start,
    lastSeen: scenario.truth.end,
    matchedEventCount: scenario.truth.proofEventIds.length,
    sampleEventIds: scenario.truth.proofEventIds.slice(-20),
    dataStreams: ['logs-*'],
    detection: { kind: 'single' },
    createdAt: scenario.truth.end,
    updatedAt: scenario.truth.end,
  }));
  for (const alert of alerts) await createAlert(es, prefix, alert);
  return alerts;
}

function serverEnv(config: Config, namespace: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, SOC_PREFIX: `${PREFIX}-${namespace}`, SOC_NAMESPACE: namespace, RUNBOOKS_DIR: 'tests/fixtures/runbooks', LOG_LEVEL: 'warn', ELASTICSEARCH_URL: config.elasticsearch.url, ...extra };
}

async function startHttpServer(config: Config, namespace: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const connection = localStdioConnection(serverEnv(config, namespace, { MCP_HTTP_PORT: String(port) }));
  if (connection.transport !== 'stdio') throw new Error('expected a command');
  // The stdio connection passes on no token (a stdio server needs none); the HTTP server does.
  const child = spawn(connection.command, [...connection.args, '--http'], { env: { ...connection.env, MCP_HTTP_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/mcp`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const probe = await McpClient.connect({ connection: { transport: 'http', url, token: TOKEN } });
      await probe.close();
      return { child, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300)); // still starting: tsx compiles on first start
    }
  }
  child.kill();
  throw new Error('the HTTP server did not start');
}

interface Call {
  label: string;
  tool: ToolName;
  args: Record<string, unknown>;
}

async function measure(client: McpClient, calls: readonly Call[], rounds: number): Promise<Record<string, { latencyMs: ReturnType<typeof summarise>; bytes: ReturnType<typeof summarise> }>> {
  const latencies = new Map<string, number[]>();
  const sizes = new Map<string, number[]>();
  // The arguments are this file's literals; the server validates them like any other.
  const send = (call: Call) => client.tryCallTool(call.tool, call.args);
  for (const call of calls) await send(call); // warm-up: JIT, caches, the GeoIP data load
  for (let round = 0; round < rounds; round += 1) {
    for (const call of calls) {
      const started = performance.now();
      const result = await send(call);
      const elapsed = performance.now() - started;
      if (!result.ok) throw new Error(`${call.label}: ${result.code}: ${result.message}`);
      latencies.set(call.label, [...(latencies.get(call.label) ?? []), elapsed]);
      const bytes = responseBytes(result.output, result.text);
      allSizes.push(bytes);
      sizes.set(call.label, [...(sizes.get(call.label) ?? []), bytes]);
    }
  }
  return Object.fromEntries(calls.map((call) => [call.label, { latencyMs: summarise(latencies.get(call.label) ?? []), bytes: summarise(sizes.get(call.label) ?? []) }]));
}

function toolCalls(timeline: ReturnType<typeof buildTimeline>, alerts: readonly Alert[]): Call[] {
  const alert = alerts[0];
  const person = timeline.organisation.people[0];
  if (!alert || !person) throw new Error('no alert or person to query');
  const host = alert.entities.hosts[0] ?? person.workstation;
  return [
    { label: 'list_alerts', tool: 'list_alerts', args: {} },
    { label: 'get_alert', tool: 'get_alert', args: { alert_id: alert.id } },
    { label: 'search_events (alert window, entity)', tool: 'search_events', args: { alert_id: alert.id, host } },
    { label: 'search_events (user, 24 h)', tool: 'search_events', args: { user: person.username, from: START.toISOString(), to: DAY_END } },
    { label: 'get_timeline', tool: 'get_timeline', args: { kind: 'host', value: host, alert_id: alert.id } },
    { label: 'get_entity_context (user)', tool: 'get_entity_context', args: { kind: 'user', value: person.username, to: DAY_END } },
    { label: 'enrich_ip (hostile)', tool: 'enrich_ip', args: { ip: '185.220.101.47' } },
    { label: 'enrich_ip (internal)', tool: 'enrich_ip', args: { ip: '10.20.0.10' } },
    { label: 'list_runbooks', tool: 'list_runbooks', args: {} },
    { label: 'get_runbook', tool: 'get_runbook', args: { name: 'ssh-brute-force' } },
  ];
}

function largeCalls(timeline: ReturnType<typeof buildTimeline>): Call[] {
  const person = timeline.organisation.people[5] ?? timeline.organisation.people[0];
  const brute = timeline.scenarios.find((scenario) => scenario.truth.type === 'ssh_brute_force')?.truth;
  if (!person || !brute) throw new Error('nothing to query');
  const day = { from: START.toISOString(), to: DAY_END };
  return [
    { label: 'user, 24 h', tool: 'search_events', args: { user: person.username, ...day } },
    { label: 'ip (attacker), 24 h', tool: 'search_events', args: { ip: brute.entities.ips[0] ?? '185.220.101.47', ...day } },
    { label: 'host + event code, 24 h', tool: 'search_events', args: { host: 'DC01', event_code: '4624', ...day } },
    { label: 'dataset + outcome, 1 h', tool: 'search_events', args: { data_stream: ['system.auth'], outcome: 'failure', from: brute.start, to: new Date(Date.parse(brute.start) + 3_600_000).toISOString() } },
    { label: 'text in a host, 24 h', tool: 'search_events', args: { host: person.workstation, text: 'powershell', ...day } },
    { label: 'no filter, 24 h (every event)', tool: 'search_events', args: { ...day, limit: 10 } },
  ];
}

runMain(async (config) => {
  const es = createEsClient(config.elasticsearch, { requestTimeoutMs: 120_000 });
  const children: ChildProcess[] = [];
  try {
    const small = await ensureDataset(es, SMALL, 10, 24);
    const alerts = await seedAlerts(es, SMALL, small);
    const calls = toolCalls(small, alerts);

    say(`measuring ${calls.length} calls × ${iterations} rounds over stdio`);
    const stdio = await McpClient.connect({ connection: localStdioConnection(serverEnv(config, SMALL)), stderr: 'inherit' });
    const stdioFigures = await measure(stdio, calls, iterations);
    await stdio.close();

    say(`measuring ${calls.length} calls × ${iterations} rounds over HTTP`);
    const httpServer = await startHttpServer(config, SMALL);
    children.push(httpServer.child);
    const http = await McpClient.connect({ connection: { transport: 'http', url: httpServer.url, token: TOKEN } });
    const httpFigures = await measure(http, calls, iterations);
    await http.close();

    let large: Record<string, unknown> | null = null;
    if (!values['skip-large']) {
      const timeline = await ensureDataset(es, LARGE, largePeople, largeHours);
      const events = await countEvents(es, LARGE);
      await es.indices.forcemerge({ index: telemetryDataStreams(LARGE), max_num_segments: 1 }, { requestTimeout: 600_000 }).catch(() => undefined); // an index at rest, as after a night of ingest
      say(`measuring search_events on ${events} events over stdio`);
      const client = await McpClient.connect({ connection: localStdioConnection(serverEnv(config, LARGE)), stderr: 'inherit' });
      const figures = await measure(client, largeCalls(timeline), iterations);
      await client.close();
      const p95s = Object.values(figures).map((figure) => figure.latencyMs.p95);
      large = { namespace: LARGE, people: largePeople, hours: largeHours, events, transport: 'stdio', searchEvents: figures, targetP95Ms: 50, variantsMeetingTarget: `${p95s.filter((p95) => p95 <= 50).length} of ${p95s.length}` };
    }

    const file = writeBenchResult('mcp', {
      parameters: { iterations, responseBudgetBytes: config.mcp.responseBytes, smallDataset: { people: 10, hours: 24, events: await countEvents(es, SMALL) } },
      note: 'Latency is measured at the client: MCP framing, JSON-RPC over the transport, the tool, and Elasticsearch. Bytes are structured content plus text.',
      stdio: stdioFigures,
      http: httpFigures,
      responseBytes: { calls: allSizes.length, p50: percentile(allSizes, 50), p95: percentile(allSizes, 95), max: Math.max(...allSizes), overBudget: allSizes.filter((bytes) => bytes > config.mcp.responseBytes).length },
      largeIndex: large,
    });
    process.stdout.write(`${file}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await es.close();
  }
});
