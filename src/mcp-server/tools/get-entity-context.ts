import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { searchTelemetry } from '../../store/event-store.js';
import { BucketSchema, type Bucket } from '../event-aggregations.js';
import { entityClause, windowClause } from '../event-query.js';
import { ipScope, parseIp, parseIpRange } from '../intel/ip-address.js';
import {
  CloudPrincipalInventorySchema,
  cloudPrincipalInventory,
  HostInventorySchema,
  hostInventory,
  IpInventorySchema,
  ipInventory,
  UserInventorySchema,
  userInventory,
} from '../organisation-context.js';
import { resolveWindow, TimeWindowSchema } from '../time-window.js';
import { requireAlert } from '../require-alert.js';
import type { ToolDeps } from '../tool-deps.js';
import { AlertIdSchema, EntityKindSchema, EntitySchema, IsoTimeSchema, type EntityKind } from '../tool-inputs.js';

export const name = 'get_entity_context';
export const title = 'Context of a user, host, address or cloud principal';
export const description =
  'What the organisation knows about an entity (owner, department, title, admin rights, criticality and whether the owner of a host is an administrator, normal working hours in UTC, schedule and source host of a service account, subnet or known service of an address, policies and normally read buckets of a cloud principal) and a summary of its activity in the logs over a bounded window (default: the 7 days before `to` or now, or around alert_id): first and last seen, counts by data stream and outcome, top actions and top peers.';

const DAY_MS = 86_400_000;

export const inputSchema = z
  .strictObject({
    kind: EntityKindSchema,
    value: z.string().min(1).max(256).describe('User or host name, address, IAM name or ARN.'),
    alert_id: AlertIdSchema.optional().describe('Centre the activity window on this alert (its span ±1 day).'),
    from: IsoTimeSchema.optional(),
    to: IsoTimeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const entity = EntitySchema.safeParse({ kind: input.kind, value: input.value });
    if (!entity.success) for (const issue of entity.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
type Input = z.output<typeof inputSchema>;

const PeersSchema = z.object({ label: z.string(), field: z.string(), values: z.array(BucketSchema) });

export const outputSchema = z.object({
  entity: z.object({ kind: EntityKindSchema, value: z.string() }),
  /** True when the inventory knows the entity. An unknown entity is itself a finding. */
  known: z.boolean(),
  inventory: z.object({
    user: UserInventorySchema.optional(),
    host: HostInventorySchema.optional(),
    ip: IpInventorySchema.extend({ scope: z.string() }).optional(),
    cloudPrincipal: CloudPrincipalInventorySchema.optional(),
    /** Hosts the user owns (workstations), when the entity is a user. */
    ownedHosts: z.array(z.string()).optional(),
    note: z.string().optional(),
  }),
  activity: z.object({
    window: TimeWindowSchema,
    total: z.number().int(),
    firstSeen: z.string().optional(),
    lastSeen: z.string().optional(),
    byDataStream: z.array(BucketSchema),
    byOutcome: z.array(BucketSchema),
    topActions: z.array(BucketSchema),
    peers: z.array(PeersSchema),
  }),
  truncated: z.boolean(),
});
type Output = z.output<typeof outputSchema>;

/** Who or what an entity deals with, per kind: the fields whose top values say "with whom". */
const PEERS: Readonly<Record<EntityKind, readonly { label: string; field: string }[]>> = {
  user: [
    { label: 'source addresses', field: 'source.ip' },
    { label: 'hosts', field: 'host.name' },
  ],
  host: [
    { label: 'users', field: 'user.name' },
    { label: 'source addresses', field: 'source.ip' },
    { label: 'destination addresses', field: 'destination.ip' },
  ],
  ip: [
    { label: 'users', field: 'user.name' },
    { label: 'hosts', field: 'host.name' },
    { label: 'destination addresses', field: 'destination.ip' },
  ],
  cloud_principal: [
    { label: 'source addresses', field: 'source.ip' },
    { label: 'user agents', field: 'user_agent.original' },
  ],
};

const TermsSchema = z.object({ buckets: z.array(z.object({ key: z.union([z.string(), z.number()]), key_as_string: z.string().optional(), doc_count: z.number() })) });
const MetricSchema = z.object({ value: z.number().nullable() });

function terms(raw: unknown): Bucket[] {
  const parsed = TermsSchema.safeParse(raw);
  return parsed.success ? parsed.data.buckets.map((bucket) => ({ value: bucket.key_as_string ?? String(bucket.key), count: bucket.doc_count })) : [];
}

function time(raw: unknown): string | undefined {
  const parsed = MetricSchema.safeParse(raw);
  return parsed.success && parsed.data.value !== null ? new Date(parsed.data.value).toISOString() : undefined;
}

async function inventoryOf(deps: ToolDeps, kind: EntityKind, value: string): Promise<Output['inventory']> {
  const org = await deps.organisation();
  if (kind === 'ip') {
    const range = parseIpRange(value);
    const ip = parseIp(value);
    const scope = range ? ipScope({ version: range.version, value: range.first }) : 'public';
    return { ip: { ...(org && ip ? ipInventory(org, ip) : {}), scope }, ...(org ? {} : { note: 'no organisation inventory is stored' }) };
  }
  if (!org) return { note: 'no organisation inventory is stored' };
  switch (kind) {
    case 'user': {
      const user = userInventory(org, value);
      const owned = user ? org.hosts.filter((host) => host.owner === user.username && host.role === 'workstation').map((host) => host.name) : [];
      return user ? { user, ownedHosts: owned } : { note: `no person or service account named ${value} in the inventory` };
    }
    case 'host': {
      const host = hostInventory(org, value);
      return host ? { host } : { note: `no host named ${value} in the inventory` };
    }
    case 'cloud_principal': {
      const principal = cloudPrincipalInventory(org, value);
      return principal ? { cloudPrincipal: principal } : { note: `no IAM user or role named ${value} in the inventory` };
    }
  }
}

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  let anchor: { from: string; to: string } | undefined;
  if (input.alert_id) {
    const alert = await requireAlert(deps, input.alert_id);
    anchor = { from: alert.firstSeen, to: alert.lastSeen };
  }
  const window = resolveWindow(input, { now: deps.now(), spanMs: 7 * DAY_MS, padMs: DAY_MS, ...(anchor ? { anchor } : {}) });
  const peers = PEERS[input.kind];
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {
    byDataStream: { terms: { field: 'data_stream.dataset', size: 5 } },
    byOutcome: { terms: { field: 'event.outcome', size: 3 } },
    topActions: { terms: { field: 'event.action', size: 5 } },
    firstSeen: { min: { field: '@timestamp' } },
    lastSeen: { max: { field: '@timestamp' } },
  };
  peers.forEach((peer, index) => (aggs[`peer${index}`] = { terms: { field: peer.field, size: 5 } }));
  const [inventory, result] = await Promise.all([
    inventoryOf(deps, input.kind, input.value),
    searchTelemetry(deps.es, deps.namespace, { query: { bool: { filter: [windowClause(window), entityClause(input.kind, input.value)] } }, size: 0, fields: [], aggs }),
  ]);
  const raw = z.record(z.string(), z.unknown()).catch({}).parse(result.aggregations ?? {});
  const firstSeen = time(raw.firstSeen);
  const lastSeen = time(raw.lastSeen);
  const known = Boolean(inventory.user ?? inventory.host ?? inventory.cloudPrincipal ?? inventory.ip?.host ?? inventory.ip?.knownService ?? inventory.ip?.subnet);
  return {
    entity: { kind: input.kind, value: input.value },
    known,
    inventory,
    activity: {
      window,
      total: result.total,
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
      byDataStream: terms(raw.byDataStream),
      byOutcome: terms(raw.byOutcome),
      topActions: terms(raw.topActions),
      peers: peers.map((peer, index) => ({ ...peer, values: terms(raw[`peer${index}`]) })).filter((peer) => peer.values.length > 0),
    },
    truncated: false,
  };
}

export function render(output: Output): string {
  const { entity, activity } = output;
  const seen = activity.total > 0 ? `seen ${activity.firstSeen ?? '?'} → ${activity.lastSeen ?? '?'} in ${activity.total} events` : 'no events in the window';
  return `${entity.kind} ${entity.value}: ${output.known ? 'known to the inventory' : 'not in the inventory'}; ${seen}`;
}

/** Trims peer lists from the end; the inventory, which is the point of the tool, is never cut. */
export function shrink(output: Output): Output | undefined {
  const peers = output.activity.peers;
  const longest = peers.reduce((best, peer, index) => (peer.values.length > (peers[best]?.values.length ?? 0) ? index : best), 0);
  const target = peers[longest];
  if (!target || target.values.length <= 1) return undefined;
  const trimmed = peers.map((peer, index) => (index === longest ? { ...peer, values: peer.values.slice(0, -1) } : peer));
  return { ...output, activity: { ...output.activity, peers: trimmed }, truncated: true };
}
