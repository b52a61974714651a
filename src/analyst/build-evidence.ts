import { EVIDENCE_DATA_MAX_BYTES, EVIDENCE_EVENT_IDS_MAX, EvidenceSchema, type Evidence, type JsonValue, type ToolName } from '../domain/evidence.js';
import { readPath } from './fact-path.js';

/** What a tool call returned, before it becomes Evidence. */
export interface ToolResult {
  id: string;
  stepId?: string;
  tool: ToolName;
  arguments: Record<string, JsonValue>;
  /** The tool's structured output, as received: unknown until bounded here. */
  output: unknown;
  collectedAt: string;
}

interface Limits {
  depth: number;
  items: number;
  chars: number;
}

/** Tighter and tighter bounds, tried in turn until the data fits `EVIDENCE_DATA_MAX_BYTES`. */
const LIMITS: readonly Limits[] = [
  { depth: 8, items: 25, chars: 500 },
  { depth: 6, items: 10, chars: 200 },
  { depth: 5, items: 5, chars: 100 },
  { depth: 4, items: 2, chars: 60 },
];

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function bound(value: unknown, limits: Limits, depth: number, cut: { truncated: boolean }): JsonValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    if (value.length <= limits.chars) return value;
    cut.truncated = true;
    return `${value.slice(0, limits.chars - 1)}…`;
  }
  if (depth >= limits.depth) {
    cut.truncated = true;
    return null;
  }
  if (Array.isArray(value)) {
    if (value.length > limits.items) cut.truncated = true;
    return value.slice(0, limits.items).flatMap((item) => {
      const bounded = bound(item, limits, depth + 1, cut);
      return bounded === undefined ? [] : [bounded];
    });
  }
  if (typeof value === 'object') {
    const entries: [string, JsonValue][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const bounded = bound(item, limits, depth + 1, cut);
      if (bounded !== undefined) entries.push([key.slice(0, 100), bounded]);
    }
    return Object.fromEntries(entries);
  }
  return undefined;
}

/** The output as JSON within `EVIDENCE_DATA_MAX_BYTES`, and whether anything was cut. */
export function boundData(output: unknown): { data: JsonValue; truncated: boolean } {
  for (const limits of LIMITS) {
    const cut = { truncated: false };
    const data = bound(output, limits, 0, cut) ?? null;
    if (Buffer.byteLength(JSON.stringify(data), 'utf8') <= EVIDENCE_DATA_MAX_BYTES) return { data, truncated: cut.truncated };
  }
  return { data: { note: 'output too large to keep' }, truncated: true };
}

const ID_LIST_KEYS = new Set(['sampleEventIds', 'eventIds', 'proofEventIds']);
const ROW_LIST_KEYS = new Set(['events', 'samples', 'timeline', 'entries']);
const EVENT_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Event ids the output names: id lists (`sampleEventIds`, `eventIds`) and the `id` of rows under `events`/`timeline`. */
export function extractEventIds(output: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || found.size >= EVIDENCE_EVENT_IDS_MAX || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (ID_LIST_KEYS.has(key) && Array.isArray(item)) {
        for (const id of item) if (typeof id === 'string' && EVENT_ID.test(id)) found.add(id);
      } else if (ROW_LIST_KEYS.has(key) && Array.isArray(item)) {
        for (const row of item) {
          const id = readPath(row, 'id') ?? readPath(row, 'eventId');
          if (typeof id === 'string' && EVENT_ID.test(id)) found.add(id);
        }
      }
      visit(item, depth + 1);
    }
  };
  visit(output, 0);
  return [...found].slice(0, EVIDENCE_EVENT_IDS_MAX);
}

const numberAt = (output: unknown, path: string): number | undefined => {
  const value = readPath(output, path);
  return typeof value === 'number' ? value : undefined;
};
const stringAt = (output: unknown, path: string): string | undefined => {
  const value = readPath(output, path);
  return typeof value === 'string' ? value : undefined;
};

/** One line from counts and inventory facts; never a log field's text, which an attacker may have written. */
export function summariseOutput(tool: ToolName, output: unknown, eventIds: readonly string[]): string {
  switch (tool) {
    case 'search_events': {
      const total = numberAt(output, 'total');
      return `${total ?? 'unknown number of'} matching events; ${eventIds.length} sample ids`;
    }
    case 'enrich_ip': {
      const internal = readPath(output, 'internal');
      const listed = numberAt(output, 'assessment.listedBy.length') ?? 0;
      const malicious = numberAt(output, 'assessment.malicious.length') ?? 0;
      const service = stringAt(output, 'organisation.knownService.name');
      const host = stringAt(output, 'organisation.host.name');
      const where = internal === true ? 'internal' : internal === false ? 'external' : 'unknown scope';
      return [`${where} address`, `listed by ${listed} intel source(s), ${malicious} malicious`, host ? `host ${host}` : '', service ? `known service ${service}` : ''].filter(Boolean).join('; ');
    }
    case 'get_entity_context': {
      if (readPath(output, 'known') !== true) return 'not in the organisation inventory';
      const user = stringAt(output, 'inventory.user.kind');
      const host = stringAt(output, 'inventory.host.role');
      const principal = stringAt(output, 'inventory.cloudPrincipal.kind');
      const kind = user?.replace('_', ' ') ?? (host ? `${host.replace('_', ' ')} host` : undefined) ?? (principal ? `IAM ${principal}` : undefined) ?? stringAt(output, 'inventory.ip.subnet.name') ?? 'entity';
      const admin = readPath(output, 'inventory.user.isAdmin') === true ? ', administrator' : '';
      return `in the inventory (${kind}${admin})`;
    }
    case 'get_alert':
      return `the alert with ${eventIds.length} sample event ids`;
    default:
      return `${tool}: ${eventIds.length} event ids`;
  }
}

/** Turns a tool result into bounded, validated Evidence. Pure: the id and time are given. */
export function buildEvidence(result: ToolResult): Evidence {
  const { data, truncated } = boundData(result.output);
  const eventIds = extractEventIds(result.output);
  return EvidenceSchema.parse({
    id: result.id,
    ...(result.stepId ? { stepId: result.stepId } : {}),
    tool: result.tool,
    arguments: result.arguments,
    summary: summariseOutput(result.tool, result.output, eventIds).slice(0, 500),
    eventIds,
    data,
    truncated: truncated || readPath(result.output, 'truncated') === true,
    collectedAt: result.collectedAt,
  });
}
