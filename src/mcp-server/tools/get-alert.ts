import { z } from 'zod';
import { AlertSchema, type Alert } from '../../domain/alert.js';
import { fetchTelemetryByIds } from '../../store/event-store.js';
import { SAMPLE_FIELDS, SampleEventSchema, toSampleEvent } from '../sample-event.js';
import { requireAlert } from '../require-alert.js';
import type { ToolDeps } from '../tool-deps.js';
import { AlertIdSchema } from '../tool-inputs.js';

export const name = 'get_alert';
export const title = 'Get one alert';
export const description =
  'One alert in full: rule (title, ATT&CK techniques, known false positives), entities, times, match count, the ids of up to 20 matched events, and a few of those events summarised. Fails with ALERT_NOT_FOUND for an unknown id.';

export const inputSchema = z.strictObject({
  alert_id: AlertIdSchema.describe('The alert id, e.g. from list_alerts.'),
  sample_events: z.number().int().min(0).max(10).default(5).describe('How many matched events to summarise (the newest), 0–10.'),
});
type Input = z.output<typeof inputSchema>;

const RuleDetailSchema = AlertSchema.shape.rule.extend({ description: z.string().optional() });

export const outputSchema = z.object({
  alert: AlertSchema.omit({ rule: true }).extend({ rule: RuleDetailSchema }),
  sampleEvents: z.array(SampleEventSchema).describe('Matched events, oldest first; their ids can be cited.'),
  truncated: z.boolean(),
});
type Output = z.output<typeof outputSchema>;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The rule's long texts are bounded: the model needs their gist, and the full rule lives in `rules/`. */
function boundedAlert(alert: Alert): Output['alert'] {
  return {
    ...alert,
    rule: {
      ...alert.rule,
      ...(alert.rule.description ? { description: clip(alert.rule.description, 400) } : {}),
      falsepositives: alert.rule.falsepositives.slice(0, 5).map((text) => clip(text, 200)),
      tags: alert.rule.tags.slice(0, 12),
    },
  };
}

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  const alert = await requireAlert(deps, input.alert_id);
  const wanted = alert.sampleEventIds.slice(-input.sample_events);
  const hits = input.sample_events === 0 ? [] : await fetchTelemetryByIds(deps.es, deps.namespace, wanted, SAMPLE_FIELDS);
  const sampleEvents = hits
    .map(toSampleEvent)
    .filter((event) => event !== undefined)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
  return { alert: boundedAlert(alert), sampleEvents, truncated: false };
}

export function render(output: Output): string {
  const { alert } = output;
  return `${alert.id} ${alert.severity} ${alert.status}: "${alert.rule.title}" on ${alert.entityKey}, ${alert.matchedEventCount} matches ${alert.firstSeen} → ${alert.lastSeen}; ${output.sampleEvents.length} sample events${output.truncated ? ' (truncated to fit)' : ''}`;
}

export function shrink(output: Output): Output | undefined {
  if (output.sampleEvents.length > 0) return { ...output, sampleEvents: output.sampleEvents.slice(0, -1) };
  return undefined;
}
