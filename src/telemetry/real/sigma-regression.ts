import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import type { TelemetryEvent } from '../telemetry-event.js';
import { describeIssues, malformed, type MapContext, type MapOutcome } from './map-outcome.js';
import { toIsoTimestamp } from './timestamp.js';
import { mapWindowsRecord } from './windows-channel.js';
import { toEventDataValue, type WindowsRecord } from './windows-record.js';

const scalar = z.union([z.string(), z.number()]);
const attributes = <T extends z.ZodType>(shape: T) => z.object({ '#attributes': shape });

/**
 * A Windows event as EVTX converters write it (`evtx_dump -o json`, as in SigmaHQ's regression data): XML
 * attributes under `#attributes`, element text under `#text` when an element has both.
 */
export const SigmaRegressionEventSchema = z.object({
  Event: z.object({
    System: z.object({
      Provider: attributes(z.object({ Name: z.string().optional() })).nullish(),
      EventID: z.union([scalar, z.object({ '#text': scalar })]),
      Channel: z.string().min(1),
      Computer: z.string().nullish(),
      TimeCreated: attributes(z.object({ SystemTime: z.string() })).nullish(),
      EventRecordID: scalar.nullish(),
      Keywords: z.string().nullish(),
    }),
    EventData: z.record(z.string(), z.unknown()).nullish(),
    UserData: z.record(z.string(), z.unknown()).nullish(),
  }),
});
export type SigmaRegressionEvent = z.infer<typeof SigmaRegressionEventSchema>;

const NamedDataSchema = attributes(z.object({ Name: z.string() })).extend({ '#text': z.unknown() });
const FieldsSchema = z.record(z.string(), z.unknown());

// Bits of the Security log's keywords that say how the audited attempt went.
const AUDIT_FAILURE = 0x10000000000000n;
const AUDIT_SUCCESS = 0x20000000000000n;

/** Whether a JSON object has the `Event.System` layout of an EVTX conversion. */
export function isSigmaRegressionEvent(value: Readonly<Record<string, unknown>>): boolean {
  return 'Event' in value;
}

/** An `Event.System` / `Event.EventData` record as a `WindowsRecord`, or why it is not one. */
export function fromSigmaRegressionEvent(value: unknown): WindowsRecord | { error: string } {
  const parsed = SigmaRegressionEventSchema.safeParse(value);
  if (!parsed.success) return { error: `not an Event.System record: ${describeIssues(parsed.error.issues)}` };
  const { System: system, EventData: eventData, UserData: userData } = parsed.data.Event;
  const eventCode = typeof system.EventID === 'object' ? system.EventID['#text'] : system.EventID;
  const systemTime = system.TimeCreated?.['#attributes'].SystemTime;
  return {
    channel: system.Channel,
    eventCode: String(eventCode),
    provider: system.Provider?.['#attributes'].Name,
    computer: system.Computer ?? undefined,
    recordId: system.EventRecordID === undefined || system.EventRecordID === null ? undefined : String(system.EventRecordID),
    timestamp: systemTime === undefined ? undefined : toIsoTimestamp(systemTime),
    auditOutcome: auditOutcome(system.Keywords ?? undefined),
    eventData: eventData ? flattenEventData(eventData) : userData ? flattenUserData(userData) : {},
  };
}

/** One record of a regression file (any JSON value) as a mapping outcome. */
export function mapSigmaRegressionRecord(value: unknown, context: MapContext): MapOutcome {
  const record = fromSigmaRegressionEvent(value);
  return 'error' in record ? malformed(record.error) : mapWindowsRecord(record, context);
}

/**
 * The telemetry documents of one SigmaHQ regression file, so a conformance check can index a sample and run
 * its rule against it. `json` is the parsed file: one event, or an array of them (`parseJsonValues` reads the
 * files that hold several events one after another). Events of channels without a data stream here (Task
 * Scheduler, WMI…) yield no document. Throws `INPUT_INVALID` naming `origin` and the record when a record
 * cannot be mapped, since a silently missing sample would look like a rule that does not match.
 * @param origin - the file's path or name: it names the file in errors and identifies records without a record number
 */
export function mapSigmaRegressionFile(json: unknown, namespace: string, origin: string): TelemetryEvent[] {
  const records: unknown[] = Array.isArray(json) ? json.flatMap((value: unknown): unknown[] => (Array.isArray(value) ? value : [value])) : [json];
  return records.flatMap((value, index) => {
    const outcome = mapSigmaRegressionRecord(value, { namespace, fileName: origin, line: index + 1, original: JSON.stringify(value) });
    if (outcome.kind === 'mapped') return [outcome.event];
    if (outcome.kind === 'skipped') return [];
    throw new SocAgentError('INPUT_INVALID', `${origin}: record ${index + 1}: ${outcome.reason}`, { origin, record: index + 1 });
  });
}

function flattenEventData(eventData: Readonly<Record<string, unknown>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(eventData)) {
    if (name.startsWith('#')) continue;
    // Some converters keep `<Data Name="X">v</Data>` as a list under `Data` instead of as `X: v`.
    if (name === 'Data' && Array.isArray(value)) {
      for (const item of value) {
        const named = NamedDataSchema.safeParse(item);
        const text = named.success ? toEventDataValue(named.data['#text']) : undefined;
        if (named.success && text !== undefined) fields[named.data['#attributes'].Name] = text;
      }
      continue;
    }
    const text = toEventDataValue(value);
    if (text !== undefined) fields[name] = text;
  }
  return fields;
}

/** `UserData` wraps its fields in one element named after the event (`Operation_ClientFailure`…). */
function flattenUserData(userData: Readonly<Record<string, unknown>>): Record<string, string> {
  const inner = Object.entries(userData).find(([name]) => !name.startsWith('#'))?.[1];
  const fields = FieldsSchema.safeParse(inner);
  return fields.success ? flattenEventData(fields.data) : {};
}

function auditOutcome(keywords: string | undefined): WindowsRecord['auditOutcome'] {
  if (keywords === undefined || !/^0x[0-9a-f]+$/i.test(keywords)) return undefined;
  const bits = BigInt(keywords);
  if ((bits & AUDIT_FAILURE) !== 0n) return 'failure';
  if ((bits & AUDIT_SUCCESS) !== 0n) return 'success';
  return undefined;
}
