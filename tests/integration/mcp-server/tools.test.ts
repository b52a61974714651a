import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../generators/timeline.js';
import type { Alert } from '../../../src/domain/alert.js';
import type { McpClient } from '../../../src/mcp-server/client.js';
import { responseBytes } from '../../../src/mcp-server/response-budget.js';
import { TOOLS } from '../../../src/mcp-server/server.js';
import { createAlert, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { saveOrganisation } from '../../../src/store/organisation-store.js';
import { ingestEvents, installTelemetryTemplates } from '../../../src/store/telemetry-store.js';
import { makeAlert } from '../../support/alert-builder.js';
import { isolate } from '../../support/isolation.js';
import { connectHttp, connectStdio, startHttpEvidenceServer, type HttpEvidenceServer } from '../../support/mcp-servers.js';

/**
 * Every tool through the SDK's real Client, over both transports, against one small generated organisation
 * (10 people, 24 h, ~27k events) ingested once for the file.
 */
const BUDGET = 6144;
const iso = isolate({ RUNBOOKS_DIR: 'tests/fixtures/runbooks', MCP_RESPONSE_BYTES: String(BUDGET) });
const timeline = buildTimeline({ seed: 'mcp', people: 10, start: new Date('2026-11-18T00:00:00Z'), hours: 24, namespace: iso.config.namespace });

function truthOf(type: string) {
  const scenario = timeline.scenarios.find((candidate) => candidate.truth.type === type);
  if (!scenario) throw new Error(`the timeline has no ${type} scenario`);
  return scenario.truth;
}

const brute = truthOf('ssh_brute_force');
const lsass = truthOf('credential_dumping_lsass');
const bruteIp = brute.entities.ips[0] ?? '';
const lsassHost = lsass.entities.hosts[0] ?? '';
const alerts: Alert[] = [
  makeAlert({
    entityKey: `source.ip=${bruteIp}`,
    entities: { users: brute.entities.users, hosts: brute.entities.hosts, sourceIps: [bruteIp], destinationIps: [], cloudPrincipals: [] },
    firstSeen: brute.start,
    lastSeen: brute.end,
    matchedEventCount: brute.proofEventIds.length,
    sampleEventIds: brute.proofEventIds.slice(-20),
  }),
  makeAlert({
    rule: { id: 'credential_access_lsass_access', title: 'LSASS memory accessed', level: 'critical', tags: ['attack.t1003.001'], techniques: ['T1003.001'], tactics: ['credential-access'], falsepositives: [] },
    severity: 'critical',
    status: 'investigating',
    entityKey: `host.name=${lsassHost}`,
    entities: { users: lsass.entities.users, hosts: [lsassHost], sourceIps: [], destinationIps: [], cloudPrincipals: [] },
    firstSeen: lsass.start,
    lastSeen: lsass.end,
    matchedEventCount: lsass.proofEventIds.length,
    sampleEventIds: lsass.proofEventIds.slice(-20),
    dataStreams: ['logs-windows.sysmon_operational-*'],
  }),
];
const [bruteAlert, lsassAlert] = alerts as [Alert, Alert];
const person = timeline.organisation.people.find((candidate) => candidate.isAdmin) ?? timeline.organisation.people[0];

let server: HttpEvidenceServer;
const clients: Record<'stdio' | 'http', McpClient | undefined> = { stdio: undefined, http: undefined };

beforeAll(async () => {
  await installTelemetryTemplates(iso.es, iso.config.prefix, iso.config.namespace);
  await ingestEvents(iso.es, timeline.events(), { namespace: iso.config.namespace });
  await saveOrganisation(iso.es, iso.config.prefix, timeline.organisation);
  await ensureAlertIndex(iso.es, iso.config.prefix);
  for (const alert of alerts) await createAlert(iso.es, iso.config.prefix, alert);
  server = await startHttpEvidenceServer(iso.config);
  [clients.stdio, clients.http] = await Promise.all([connectStdio(iso.config, { RUNBOOKS_DIR: 'tests/fixtures/runbooks', MCP_RESPONSE_BYTES: String(BUDGET) }), connectHttp(server.http.url)]);
});

afterAll(async () => {
  await clients.stdio?.close();
  await clients.http?.close();
  await server?.close();
  await iso.cleanup();
});

function client(transport: 'stdio' | 'http'): McpClient {
  const connected = clients[transport];
  if (!connected) throw new Error(`no ${transport} client`);
  return connected;
}

describe.each(['stdio', 'http'] as const)('the evidence tools over %s', (transport) => {
  it('lists every tool as read-only with input and output schemas', async () => {
    const health = await client(transport).health();
    expect(health.tools.sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it('lists alerts newest first as summaries, filters by status and pages with a cursor', async () => {
    const all = await client(transport).callTool('list_alerts', {});
    expect(all.total).toBe(2);
    expect(all.alerts.map((alert) => alert.id)).toEqual([...alerts].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).map((alert) => alert.id));
    expect(Object.keys(all.alerts[0] ?? {})).not.toContain('sampleEventIds');

    const investigating = await client(transport).callTool('list_alerts', { status: ['investigating'] });
    expect(investigating.alerts.map((alert) => alert.id)).toEqual([lsassAlert.id]);

    const first = await client(transport).callTool('list_alerts', { limit: 1 });
    expect(first.nextCursor).toBeDefined();
    const second = await client(transport).callTool('list_alerts', { limit: 1, cursor: first.nextCursor });
    expect([...first.alerts, ...second.alerts].map((alert) => alert.id).sort()).toEqual(alerts.map((alert) => alert.id).sort());
  });

  it('returns one alert with summarised sample events that it matched', async () => {
    const result = await client(transport).callTool('get_alert', { alert_id: bruteAlert.id, sample_events: 3 });
    expect(result.alert.id).toBe(bruteAlert.id);
    expect(result.sampleEvents).toHaveLength(3);
    for (const event of result.sampleEvents) {
      expect(bruteAlert.sampleEventIds).toContain(event.id);
      expect(event.summary.length).toBeGreaterThan(0);
      expect(event.summary.length).toBeLessThanOrEqual(160);
    }
  });

  it('reports an unknown alert as ALERT_NOT_FOUND and a malformed id as invalid input', async () => {
    expect(await client(transport).tryCallTool('get_alert', { alert_id: 'al-doesnotexist1' })).toMatchObject({ ok: false, code: 'ALERT_NOT_FOUND' });
    expect(await client(transport).tryCallTool('get_alert', { alert_id: '../../etc/passwd' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
  });

  it('counts and samples events around an alert, with ids that exist', async () => {
    const result = await client(transport).callTool('search_events', { alert_id: bruteAlert.id, ip: bruteIp, limit: 5 });
    expect(Date.parse(result.window.from)).toBe(Date.parse(bruteAlert.firstSeen) - 3_600_000);
    expect(Date.parse(result.window.to)).toBe(Date.parse(bruteAlert.lastSeen) + 3_600_000);
    expect(result.total).toBeGreaterThanOrEqual(brute.proofEventIds.length);
    expect(result.events.length).toBeLessThanOrEqual(5);
    expect(result.aggregations.topSourceIps[0]?.value).toBe(bruteIp);
    expect(result.aggregations.byOutcome.find((bucket) => bucket.value === 'failure')?.count).toBeGreaterThan(0);
    expect(result.aggregations.histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(result.total);
    const found = await iso.es.search({ index: `logs-*-${iso.config.namespace}`, query: { ids: { values: result.events.map((event) => event.id) } }, size: 10 });
    expect(found.hits.hits).toHaveLength(result.events.length);
  });

  it('filters by data stream, outcome and event code, and treats text as literal text', async () => {
    const failures = await client(transport).callTool('search_events', { data_stream: ['system.auth'], outcome: 'failure', from: '2026-11-18T00:00:00Z', to: '2026-11-19T00:00:00Z', limit: 3 });
    expect(failures.total).toBeGreaterThan(0);
    expect(failures.aggregations.byDataStream.map((bucket) => bucket.value)).toEqual(['system.auth']);
    const lsassAccess = await client(transport).callTool('search_events', { host: lsassHost, event_code: '10', text: 'lsass', from: lsass.start, to: lsass.end, limit: 2 });
    expect(lsassAccess.total).toBeGreaterThan(0);
    const wildcard = await client(transport).callTool('search_events', { text: '*?', from: '2026-11-18T00:00:00Z', to: '2026-11-19T00:00:00Z', limit: 0 });
    expect(wildcard.total).toBe(0);
  });

  it('finds text inside command lines whatever its case and punctuation, and only where it occurs whole', async () => {
    const window = { from: lsass.start, to: lsass.end };
    const dump = await client(transport).callTool('search_events', { ...window, text: 'SYSTEM32\\COMSVCS.DLL, minidump', limit: 5 });
    expect(dump.total).toBeGreaterThan(0);
    expect(dump.aggregations.topHosts.map((bucket) => bucket.value)).toEqual([lsassHost]);
    const scrambled = await client(transport).callTool('search_events', { ...window, text: 'minidump, COMSVCS.DLL', limit: 0 });
    expect(scrambled.total).toBe(0);
  });

  it('refuses a window longer than 7 days, a huge limit and arguments of the wrong type', async () => {
    expect(await client(transport).tryCallTool('search_events', { from: '2026-11-01T00:00:00Z', to: '2026-11-19T00:00:00Z' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
    const huge = await client(transport).tryCallTool('search_events', { limit: 100_000 });
    expect(huge).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
    // @ts-expect-error: a string where a number belongs, as a confused model might send
    expect(await client(transport).tryCallTool('search_events', { limit: 'ten' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
    // @ts-expect-error: a field the tool does not have
    expect(await client(transport).tryCallTool('search_events', { query: 'user:*' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
    expect(await client(transport).tryCallTool('search_events', { ip: '10.0.0.999' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
  });

  it('returns the timeline of a host around an alert, oldest first and bounded', async () => {
    const result = await client(transport).callTool('get_timeline', { kind: 'host', value: lsassHost, alert_id: lsassAlert.id, limit: 8 });
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.length).toBeLessThanOrEqual(8);
    const times = result.events.map((event) => event.timestamp);
    expect(times).toEqual([...times].sort());
    expect(result.events.every((event) => event.host?.toLowerCase() === lsassHost.toLowerCase() || event.summary.length > 0)).toBe(true);
    expect(await client(transport).tryCallTool('get_timeline', { kind: 'host', value: lsassHost })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
  });

  it('answers S3 and IAM questions from structured request fields: bucket, policy and the account acted upon', async () => {
    const s3 = truthOf('s3_exfiltration');
    const principal = s3.entities.cloudPrincipals[0] ?? '';
    const reads = await client(transport).callTool('search_events', { cloud_principal: principal, bucket: 'northwind-finance-reports', from: s3.start, to: s3.end, limit: 2 });
    expect(reads.total).toBeGreaterThanOrEqual(400);
    expect(reads.events[0]?.bucket).toBe('northwind-finance-reports');
    const elsewhere = await client(transport).callTool('search_events', { cloud_principal: principal, bucket: 'northwind-backups', from: s3.start, to: s3.end, limit: 0 });
    expect(elsewhere.total).toBe(0);

    const iam = truthOf('iam_privilege_escalation');
    const grant = await client(transport).callTool('search_events', { cloud_principal: iam.entities.cloudPrincipals[0] ?? '', action: 'AttachUserPolicy', from: iam.start, to: iam.end, limit: 1 });
    expect(grant.events[0]).toMatchObject({ policy: 'arn:aws:iam::aws:policy/AdministratorAccess', targetUser: iam.entities.users[1] });

    const group = truthOf('windows_admin_group_add');
    const change = await client(transport).callTool('search_events', { host: group.entities.hosts[0] ?? '', event_code: '4732', from: group.start, to: group.end, limit: 1 });
    expect(change.events[0]?.targetUser).toBe(group.entities.users[1]);
  });

  it('gives the inventory and activity of a user, a host and an address', async () => {
    if (!person) throw new Error('the organisation has no people');
    const user = await client(transport).callTool('get_entity_context', { kind: 'user', value: person.username, to: '2026-11-19T00:00:00Z' });
    expect(user.known).toBe(true);
    expect(user.inventory.user).toMatchObject({ kind: 'person', department: person.department, isAdmin: person.isAdmin });
    expect(user.inventory.ownedHosts).toContain(person.workstation);
    expect(user.activity.total).toBeGreaterThan(0);

    const host = await client(transport).callTool('get_entity_context', { kind: 'host', value: 'dc01', to: '2026-11-19T00:00:00Z' });
    expect(host.inventory.host).toMatchObject({ name: 'DC01', criticality: 'critical', role: 'domain_controller' });
    const workstation = await client(transport).callTool('get_entity_context', { kind: 'host', value: person.workstation, to: '2026-11-19T00:00:00Z' });
    expect(workstation.inventory.host).toMatchObject({ role: 'workstation', owner: person.username, ownerIsAdmin: person.isAdmin });
    expect(host.activity.peers.find((peer) => peer.label === 'users')?.values.length).toBeGreaterThan(0);

    const address = await client(transport).callTool('get_entity_context', { kind: 'ip', value: '10.20.0.10', to: '2026-11-19T00:00:00Z' });
    expect(address.inventory.ip).toMatchObject({ scope: 'private', host: { name: 'DC01' }, subnet: { name: 'windows servers' } });

    const stranger = await client(transport).callTool('get_entity_context', { kind: 'user', value: 'nobody.here', to: '2026-11-19T00:00:00Z' });
    expect(stranger).toMatchObject({ known: false, activity: { total: 0 } });
  });

  it('enriches a hostile address source by source and shows where the sources disagree', async () => {
    const tor = await client(transport).callTool('enrich_ip', { ip: '185.220.101.47' });
    expect(tor.assessment.listedBy).toEqual(expect.arrayContaining(['tor-exit-nodes', 'misp-community', 'stix-sharing-group']));
    expect(tor.geo?.country).toMatch(/^[A-Z]{2}$/);
    expect(tor.asn?.number).toBeGreaterThan(0);

    const scanner = await client(transport).callTool('enrich_ip', { ip: '141.98.11.68' });
    expect(scanner.assessment).toMatchObject({ disagreement: true, malicious: ['misp-community'], benign: ['stix-sharing-group'] });
  });

  it('answers internal and trusted addresses from the inventory and refuses a malformed address', async () => {
    const internal = await client(transport).callTool('enrich_ip', { ip: '10.20.0.10' });
    expect(internal).toMatchObject({ internal: true, sentToLiveServices: false, sources: [], organisation: { host: { name: 'DC01' } } });
    const office = await client(transport).callTool('enrich_ip', { ip: '198.51.100.10' });
    expect(office).toMatchObject({ internal: true, sentToLiveServices: false, organisation: { subnet: { name: 'office egress' } } });
    const backup = await client(transport).callTool('enrich_ip', { ip: '203.0.113.10' });
    expect(backup.organisation.knownService?.name).toBe('Vaultline Backup');
    expect(backup.assessment.listedBy).toEqual([]);
    expect(await client(transport).tryCallTool('enrich_ip', { ip: '999.1.1.1' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
  });

  it('serves runbooks by listed name only', async () => {
    const list = await client(transport).callTool('list_runbooks', {});
    expect(list.runbooks.map((runbook) => runbook.name)).toEqual(['credential-dumping', 'ssh-brute-force']);
    const runbook = await client(transport).callTool('get_runbook', { name: 'ssh-brute-force' });
    expect(runbook).toMatchObject({ title: 'SSH brute force', truncated: false });
    expect(runbook.content).toContain('## Investigation steps');
    expect(await client(transport).tryCallTool('get_runbook', { name: '../package' })).toMatchObject({ ok: false, code: 'TOOL_INPUT_INVALID' });
    const missing = await client(transport).tryCallTool('get_runbook', { name: 'phishing' });
    expect(missing).toMatchObject({ ok: false, code: 'RUNBOOK_NOT_FOUND' });
    expect(missing.ok ? '' : missing.message).toContain('credential-dumping, ssh-brute-force');
  });

  it('keeps every response within the byte budget and says when it dropped rows', async () => {
    const result = await client(transport).tryCallTool('search_events', { from: '2026-11-18T00:00:00Z', to: '2026-11-19T00:00:00Z', limit: 50 });
    if (!result.ok) throw new Error(result.message);
    expect(responseBytes(result.output, result.text)).toBeLessThanOrEqual(BUDGET);
    expect(result.output.truncated).toBe(true);
    expect(result.output.events.length).toBeLessThan(50);
  });
});

describe('bad input', () => {
  it('changes nothing', async () => {
    const before = await Promise.all(alerts.map((alert) => getAlert(iso.es, iso.config.prefix, alert.id)));
    await client('http').tryCallTool('get_alert', { alert_id: 'al-doesnotexist1' });
    await client('http').tryCallTool('get_runbook', { name: '../package' });
    const after = await Promise.all(alerts.map((alert) => getAlert(iso.es, iso.config.prefix, alert.id)));
    expect(after).toEqual(before);
  });
});

describe('a search matching more events than exact aggregation allows', () => {
  const day = { from: '2026-11-18T00:00:00Z', to: '2026-11-19T00:00:00Z' };

  it('keeps the total exact, estimates the aggregations from a sample, and samples the newest events', async () => {
    const exact = await client('http').callTool('search_events', { ...day, limit: 5 });
    const broadServer = await startHttpEvidenceServer({ ...iso.config, mcp: { ...iso.config.mcp, exactSearchEvents: 1_000 } });
    try {
      const broadClient = await connectHttp(broadServer.http.url);
      const broad = await broadClient.callTool('search_events', { ...day, limit: 5 });
      await broadClient.close();

      expect(exact.sampling).toBeUndefined();
      expect(broad.sampling?.probability).toBeGreaterThan(0);
      expect(broad.sampling?.note).toContain(`${exact.total} events matched`);
      expect(broad.total).toBe(exact.total);
      expect(broad.events.map((event) => event.id)).toEqual(exact.events.map((event) => event.id));
      // Scaled estimates: the biggest data stream stays the biggest, and its count is near the exact one.
      const [exactTop] = exact.aggregations.byDataStream;
      const [broadTop] = broad.aggregations.byDataStream;
      expect(broadTop?.value).toBe(exactTop?.value);
      expect(Math.abs((broadTop?.count ?? 0) - (exactTop?.count ?? 0)) / (exactTop?.count ?? 1)).toBeLessThan(0.1);
    } finally {
      await broadServer.close();
    }
  });

  it('answers text searches the same way when the text matches a lot', async () => {
    const broadServer = await startHttpEvidenceServer({ ...iso.config, mcp: { ...iso.config.mcp, exactSearchEvents: 100 } });
    try {
      const broadClient = await connectHttp(broadServer.http.url);
      const few = await broadClient.callTool('search_events', { ...day, host: lsassHost, text: 'lsass', limit: 2 });
      const many = await broadClient.callTool('search_events', { ...day, text: 'exe', limit: 2, order: 'oldest_first' });
      await broadClient.close();
      expect(few.sampling).toBeUndefined();
      expect(many.sampling).toBeDefined();
      expect(many.total).toBeGreaterThan(100);
      const times = many.events.map((event) => event.timestamp);
      expect(times).toEqual([...times].sort());
    } finally {
      await broadServer.close();
    }
  });
});
