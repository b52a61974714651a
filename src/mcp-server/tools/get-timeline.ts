import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { searchTelemetry } from '../../store/event-store.js';
import { entityClause, windowClause } from '../event-query.js';
import { SAMPLE_FIELDS, SampleEventSchema, toSampleEvent, type SampleEvent } from '../sample-event.js';
import { TimeWindowSchema } from '../time-window.js';
import { requireAlert } from '../require-alert.js';
import type { ToolDeps } from '../tool-deps.js';
import { AlertIdSchema, EntityKindSchema, EntitySchema, IsoTimeSchema } from '../tool-inputs.js';

export const name = 'get_timeline';
export const title = 'Timeline of one entity';
export const description =
  'The events of one entity (user, host, ip or cloud_principal) nearest to a moment, oldest first: what happened just before and after. The moment is `at`, or the first match of `alert_id`. At most `limit` events, each with an id to cite.';

export const inputSchema = z
  .strictObject({
    kind: EntityKindSchema,
    value: z.string().min(1).max(256).describe('User or host name, address or CIDR, IAM name or ARN.'),
    at: IsoTimeSchema.optional().describe('The moment to centre on; defaults to the alert\'s first match.'),
    alert_id: AlertIdSchema.optional(),
    before_minutes: z.number().int().min(1).max(1440).default(60),
    after_minutes: z.number().int().min(1).max(1440).default(60),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .superRefine((input, ctx) => {
    const entity = EntitySchema.safeParse({ kind: input.kind, value: input.value });
    if (!entity.success) for (const issue of entity.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
type Input = z.output<typeof inputSchema>;

export const outputSchema = z.object({
  entity: z.object({ kind: EntityKindSchema, value: z.string() }),
  at: z.string(),
  window: TimeWindowSchema,
  /** Events of the entity in the whole window. */
  total: z.number().int(),
  events: z.array(SampleEventSchema).describe('The events nearest to `at`, oldest first.'),
  truncated: z.boolean(),
});
type Output = z.output<typeof outputSchema>;

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  let at = input.at;
  if (!at && input.alert_id) {
    const alert = await requireAlert(deps, input.alert_id);
    at = alert.firstSeen;
  }
  if (!at) throw new SocAgentError('TOOL_INPUT_INVALID', 'give `at` (an ISO time) or `alert_id` to say which moment the timeline is around', { field: 'at' });
  const atMs = Date.parse(at);
  const window = { from: new Date(atMs - input.before_minutes * 60_000).toISOString(), to: new Date(atMs + input.after_minutes * 60_000).toISOString() };
  const entity = entityClause(input.kind, input.value);
  // Two searches from the moment outwards, so the events nearest to it are found however busy the window is.
  const [before, after] = await Promise.all([
    searchTelemetry(deps.es, deps.namespace, {
      query: { bool: { filter: [windowClause({ from: window.from, to: new Date(atMs).toISOString() }), entity] } },
      size: input.limit,
      order: 'desc',
      fields: SAMPLE_FIELDS,
    }),
    searchTelemetry(deps.es, deps.namespace, {
      query: { bool: { filter: [{ range: { '@timestamp': { gt: new Date(atMs).toISOString(), lte: window.to } } }, entity] } },
      size: input.limit,
      order: 'asc',
      fields: SAMPLE_FIELDS,
    }),
  ]);
  const candidates = [...before.hits, ...after.hits].map(toSampleEvent).filter((event): event is SampleEvent => event !== undefined);
  const nearest = candidates
    .sort((a, b) => Math.abs(Date.parse(a.timestamp) - atMs) - Math.abs(Date.parse(b.timestamp) - atMs))
    .slice(0, input.limit)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
  const total = before.total + after.total;
  return { entity: { kind: input.kind, value: input.value }, at: new Date(atMs).toISOString(), window, total, events: nearest, truncated: total > nearest.length };
}

export function render(output: Output): string {
  return `${output.events.length} of ${output.total} events of ${output.entity.kind} ${output.entity.value} around ${output.at}${output.truncated ? ' (more in the window)' : ''}`;
}

/** Drops the event farthest from the moment. */
export function shrink(output: Output): Output | undefined {
  if (output.events.length === 0) return undefined;
  const atMs = Date.parse(output.at);
  const first = output.events[0];
  const last = output.events[output.events.length - 1];
  if (!first || !last) return undefined;
  const dropFirst = Math.abs(Date.parse(first.timestamp) - atMs) > Math.abs(Date.parse(last.timestamp) - atMs);
  return { ...output, events: dropFirst ? output.events.slice(1) : output.events.slice(0, -1), truncated: true };
}
