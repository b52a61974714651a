import type { Alert } from '../../../../src/domain/alert.js';
import { EvidenceSchema, type Evidence, type JsonValue, type ToolName } from '../../../../src/domain/evidence.js';

/**
 * Tool outputs shaped as the MCP tools return them (the shapes the runbook signals read), and Evidence made from
 * them. Values mirror the generated scenarios in generators/scenarios/.
 */

let counter = 0;

export function makeEvidence(stepId: string, tool: ToolName, data: JsonValue, eventIds: string[] = []): Evidence {
  counter += 1;
  return EvidenceSchema.parse({
    id: `ev-${stepId}-${counter}`,
    stepId,
    tool,
    arguments: {},
    summary: `${tool} for ${stepId}`,
    eventIds,
    data,
    truncated: false,
    collectedAt: '2026-11-18T12:00:00.000Z',
  });
}

export interface EnrichmentFacts {
  ip: string;
  internal: boolean;
  host?: { name: string; owner: string; role: string; criticality: string };
  knownService?: { name: string; cidr: string; purpose: string; approvedForBulkTransfer: boolean };
  malicious?: string[];
  suspicious?: string[];
}

/** `enrich_ip` output (IpEnrichmentSchema). */
export function enrichment(facts: EnrichmentFacts): JsonValue {
  const malicious = facts.malicious ?? [];
  const suspicious = facts.suspicious ?? [];
  return {
    ip: facts.ip,
    version: 4,
    scope: facts.internal ? 'private' : 'public',
    internal: facts.internal,
    organisation: {
      ...(facts.host ? { host: { ...facts.host, ip: facts.ip, os: 'windows' } } : {}),
      ...(facts.knownService ? { knownService: facts.knownService } : {}),
    },
    sentToLiveServices: false,
    sources: [],
    assessment: { listedBy: [...malicious, ...suspicious], malicious, suspicious, benign: [], failed: [], disagreement: false, note: 'test' },
  };
}

/** `get_entity_context` output: the inventory entry, absent when the entity is unknown. */
export function entityContext(kind: string, value: string, inventory?: Record<string, JsonValue>): JsonValue {
  return { kind, value, found: inventory !== undefined, ...(inventory ? { inventory } : {}) };
}

export function person(username: string, options: { isAdmin?: boolean; workstation?: string; start?: number; end?: number } = {}): Record<string, JsonValue> {
  return {
    kind: 'person',
    username,
    displayName: username,
    department: options.isAdmin ? 'IT' : 'Finance',
    title: options.isAdmin ? 'Systems Administrator' : 'Accountant',
    isAdmin: options.isAdmin ?? false,
    workstation: options.workstation ?? 'WS-FIN-003',
    hours: { start: options.start ?? 8, end: options.end ?? 17, weekdaysOnly: true },
    linuxHosts: [],
  };
}

export interface SampleRow {
  id: string;
  timestamp: string;
  action: string;
  outcome?: string;
  user?: string;
  host?: string;
  sourceIp?: string;
  summary: string;
}

/** `search_events` output: a total, aggregations and sample rows with event ids. */
export function searchResult(options: {
  total: number;
  distinct?: { users?: number; hosts?: number; sourceIps?: number; destinationIps?: number };
  topSourceIps?: string[];
  topUsers?: string[];
  events?: SampleRow[];
}): JsonValue {
  const events = options.events ?? [];
  return {
    total: options.total,
    aggregations: {
      distinct: { users: options.distinct?.users ?? 0, hosts: options.distinct?.hosts ?? 0, sourceIps: options.distinct?.sourceIps ?? 0, destinationIps: options.distinct?.destinationIps ?? 0 },
      topSourceIps: (options.topSourceIps ?? []).map((value) => ({ value, count: 1 })),
      topUsers: (options.topUsers ?? []).map((value) => ({ value, count: 1 })),
    },
    events: events.map((row) => ({ dataStream: 'system.security', ...row })),
    truncated: false,
  };
}

export function rows(prefix: string, count: number, base: Omit<SampleRow, 'id' | 'timestamp'>, start = '2026-11-18T10:00:00.000Z'): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, id: `${prefix}${String(i).padStart(4, '0')}`, timestamp: new Date(Date.parse(start) + i * 5_000).toISOString() }));
}

/** `get_alert` output. */
export function alertOutput(alert: Alert): JsonValue {
  return { alert: { id: alert.id, sampleEventIds: alert.sampleEventIds, ruleTitle: alert.rule.title } };
}
