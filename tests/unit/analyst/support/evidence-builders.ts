import type { z } from 'zod';
import { buildEvidence } from '../../../../src/analyst/build-evidence.js';
import type { Alert } from '../../../../src/domain/alert.js';
import { JsonValueSchema, type Evidence, type JsonValue, type ToolName } from '../../../../src/domain/evidence.js';
import type { CloudPrincipalInventory, HostInventory, UserInventory } from '../../../../src/mcp-server/organisation-context.js';
import type { SampleEvent } from '../../../../src/mcp-server/sample-event.js';
import * as enrichIp from '../../../../src/mcp-server/tools/enrich-ip.js';
import * as getAlert from '../../../../src/mcp-server/tools/get-alert.js';
import * as getEntityContext from '../../../../src/mcp-server/tools/get-entity-context.js';
import * as searchEvents from '../../../../src/mcp-server/tools/search-events.js';

/**
 * Tool outputs built through the tools' own output schemas, so a hand-made case has exactly the shape the MCP
 * server returns (the shapes the runbook signals read) and breaks when a tool's output changes. Evidence is made
 * from them the way the investigate step makes it. Values mirror the generated scenarios in generators/scenarios/.
 */

let counter = 0;

/** Parses with a tool's output schema and hands the result back as JSON, as it crosses the MCP boundary. */
function asToolOutput<S extends z.ZodType>(schema: S, value: z.input<S>): JsonValue {
  return JsonValueSchema.parse(JSON.parse(JSON.stringify(schema.parse(value))));
}

/**
 * Evidence of one step, built by the investigate step's own `buildEvidence`; its event ids are those the output
 * names unless the test gives them (for outputs without rows).
 */
export function makeEvidence(stepId: string, tool: ToolName, data: JsonValue, eventIds?: string[]): Evidence {
  counter += 1;
  const evidence = buildEvidence({ id: `ev-${stepId}-${counter}`, stepId, tool, arguments: {}, output: data, collectedAt: '2026-11-18T12:00:00.000Z' });
  return eventIds ? { ...evidence, eventIds } : evidence;
}

export interface EnrichmentFacts {
  ip: string;
  internal: boolean;
  host?: { name: string; owner: string; role: 'workstation' | 'domain_controller' | 'file_server' | 'database' | 'application' | 'web' | 'bastion' | 'build' | 'backup'; criticality: 'low' | 'medium' | 'high' | 'critical' };
  subnet?: { cidr: string; name: string };
  knownService?: { name: string; cidr: string; purpose: string; approvedForBulkTransfer: boolean };
  malicious?: string[];
  suspicious?: string[];
  benign?: string[];
}

/** `enrich_ip` output. */
export function enrichment(facts: EnrichmentFacts): JsonValue {
  const malicious = facts.malicious ?? [];
  const suspicious = facts.suspicious ?? [];
  const benign = facts.benign ?? [];
  return asToolOutput(enrichIp.outputSchema, {
    ip: facts.ip,
    version: 4,
    scope: facts.ip.startsWith('10.') ? 'private' : 'public',
    internal: facts.internal,
    organisation: {
      ...(facts.host ? { host: { ...facts.host, ip: facts.ip, os: 'windows' as const } } : {}),
      ...(facts.subnet ? { subnet: facts.subnet } : {}),
      ...(facts.knownService ? { knownService: facts.knownService } : {}),
    },
    sentToLiveServices: false,
    sources: [],
    assessment: { listedBy: [...malicious, ...suspicious, ...benign], malicious, suspicious, benign, failed: [], disagreement: false, note: 'test' },
    truncated: false,
  });
}

export type EntityInventory = { kind: 'user'; user: UserInventory } | { kind: 'host'; host: HostInventory } | { kind: 'cloud_principal'; cloudPrincipal: CloudPrincipalInventory };

/** `get_entity_context` output: the inventory entry (`known: false` and a note when there is none), no activity. */
export function entityContext(kind: 'user' | 'host' | 'ip' | 'cloud_principal', value: string, inventory?: EntityInventory): JsonValue {
  const entry = inventory?.kind === 'user' ? { user: inventory.user } : inventory?.kind === 'host' ? { host: inventory.host } : inventory?.kind === 'cloud_principal' ? { cloudPrincipal: inventory.cloudPrincipal } : { note: `no ${kind} named ${value} in the inventory` };
  return asToolOutput(getEntityContext.outputSchema, {
    entity: { kind, value },
    known: inventory !== undefined,
    inventory: entry,
    activity: { window: { from: '2026-11-17T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' }, total: 0, byDataStream: [], byOutcome: [], topActions: [], peers: [] },
    truncated: false,
  });
}

export function person(username: string, options: { isAdmin?: boolean; department?: string; workstation?: string; start?: number; end?: number; weekdaysOnly?: boolean } = {}): EntityInventory {
  return {
    kind: 'user',
    user: {
      kind: 'person',
      username,
      displayName: username,
      department: options.department ?? (options.isAdmin ? 'IT' : 'Finance'),
      title: options.isAdmin ? 'Systems Administrator' : 'Accountant',
      isAdmin: options.isAdmin ?? false,
      workstation: options.workstation ?? 'WS-FIN-003',
      hours: { start: options.start ?? 8, end: options.end ?? 17, weekdaysOnly: options.weekdaysOnly ?? true },
      linuxHosts: [],
    },
  };
}

export function serviceAccount(username: string, options: { start: number; end: number; sourceHost: string; targets: string[] }): EntityInventory {
  return { kind: 'user', user: { kind: 'service_account', username, purpose: 'nightly backup', owner: 'it.admin', hours: { start: options.start, end: options.end, weekdaysOnly: false }, targets: options.targets, sourceHost: options.sourceHost } };
}

export function host(facts: Omit<HostInventory, 'os'> & { os?: 'windows' | 'linux' }): EntityInventory {
  return { kind: 'host', host: { os: 'windows', ...facts } };
}

export function cloudPrincipal(facts: Omit<CloudPrincipalInventory, 'arn' | 'owner'> & { arn: string; owner?: string }): EntityInventory {
  return { kind: 'cloud_principal', cloudPrincipal: { owner: facts.name, ...facts } };
}

export type SampleRow = Omit<SampleEvent, 'dataStream'> & { dataStream?: SampleEvent['dataStream'] };

/** `search_events` output: a total, aggregations and sample rows with event ids. */
export function searchResult(options: {
  total: number;
  distinct?: { users?: number; hosts?: number; sourceIps?: number; destinationIps?: number };
  topSourceIps?: string[];
  topUsers?: string[];
  events?: SampleRow[];
}): JsonValue {
  const events = options.events ?? [];
  return asToolOutput(searchEvents.outputSchema, {
    window: { from: '2026-11-18T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' },
    total: options.total,
    totalIsExact: true,
    aggregations: {
      byDataStream: [],
      byAction: [],
      byOutcome: [],
      topUsers: (options.topUsers ?? []).map((value) => ({ value, count: 1 })),
      topHosts: [],
      topSourceIps: (options.topSourceIps ?? []).map((value) => ({ value, count: 1 })),
      topDestinationIps: [],
      distinct: { users: options.distinct?.users ?? 0, hosts: options.distinct?.hosts ?? 0, sourceIps: options.distinct?.sourceIps ?? 0, destinationIps: options.distinct?.destinationIps ?? 0 },
      histogram: { interval: '1h', buckets: [] },
    },
    events: events.map((row) => ({ dataStream: 'system.security' as const, ...row })),
    truncated: options.total > events.length,
  });
}

export function rows(prefix: string, count: number, base: Omit<SampleRow, 'id' | 'timestamp'>, start = '2026-11-18T10:00:00.000Z'): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, id: `${prefix}${String(i).padStart(4, '0')}`, timestamp: new Date(Date.parse(start) + i * 5_000).toISOString() }));
}

/** `get_alert` output: the alert and its newest matched events as sample rows. */
export function alertOutput(alert: Alert, sampleEvents: SampleRow[] = []): JsonValue {
  return asToolOutput(getAlert.outputSchema, { alert, sampleEvents: sampleEvents.map((row) => ({ dataStream: 'system.security' as const, ...row })), truncated: false });
}
