import { z } from 'zod';

/**
 * One Windows event log record whatever file it was read from (flat JSON lines or the `Event.System` /
 * `Event.EventData` layout of EVTX converters): the envelope fields we need, and the event's own data fields
 * under their original names. One mapper per channel then works on this alone.
 */
export const WindowsRecordSchema = z.object({
  channel: z.string().min(1),
  /** The event id (`4624`, `1`…) as text. */
  eventCode: z.string().min(1),
  provider: z.string().optional(),
  computer: z.string().optional(),
  recordId: z.string().optional(),
  /** ISO 8601 in UTC, when the record carried a readable time. */
  timestamp: z.string().optional(),
  /** Whether the Security auditing said success or failure (from the event's keywords), when it said. */
  auditOutcome: z.enum(['success', 'failure']).optional(),
  /** The rendered text of the event, when the export kept it. */
  message: z.string().optional(),
  eventData: z.record(z.string(), z.string()),
});
export type WindowsRecord = z.infer<typeof WindowsRecordSchema>;

/**
 * A data field's value as the text Windows shows: numbers and booleans as written, nested values as JSON.
 * Empty (`null`) fields are left out, as Winlogbeat leaves out elements with no value.
 */
export function toEventDataValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
