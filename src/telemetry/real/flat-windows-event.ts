import { z } from 'zod';
import { describeIssues } from './map-outcome.js';
import { toIsoTimestamp } from './timestamp.js';
import { toEventDataValue, type WindowsRecord } from './windows-record.js';

const text = z.string().nullish();
const number = z.union([z.number().int(), z.string().regex(/^\d+$/)]);

/** The envelope fields of a flat Windows event (NXLog `im_msvistalog` shipped through Logstash, as in OTRF). */
const FlatWindowsEventSchema = z.object({
  Channel: z.string().min(1),
  EventID: number,
  Hostname: text,
  Computer: text,
  RecordNumber: number.nullish(),
  '@timestamp': text,
  TimeCreated: text,
  EventTime: text,
  Message: text,
  SourceName: text,
  ProviderName: text,
  EventType: text,
  EventTypeOrignal: text,
});

/**
 * Fields NXLog and Logstash add around the event's own data. They are kept out of `winlog.event_data`, which
 * must hold only what the event itself says, under the names Sigma rules use.
 */
const ENVELOPE_FIELDS = new Set([
  '@timestamp',
  '@version',
  'host',
  'port',
  'tags',
  'type',
  'Keywords',
  'Severity',
  'SeverityValue',
  'EventID',
  'ProviderGuid',
  'ProviderName',
  'SourceName',
  'ExecutionProcessID',
  'ThreadID',
  'Channel',
  'Hostname',
  'Computer',
  'RecordNumber',
  'EventTime',
  'EventReceivedTime',
  'TimeCreated',
  'Opcode',
  'OpcodeValue',
  'Task',
  'Version',
  'Category',
  'Message',
  'AccountName',
  'AccountType',
  'UserID',
  'Domain',
  'ActivityID',
  'RelatedActivityID',
  'SourceModuleName',
  'SourceModuleType',
  'EventTypeOrignal',
  'ERROR_EVT_UNRESOLVED',
]);

// NXLog's own `EventType` (the audit or severity class) shares its name with a Sysmon registry data field
// (`SetValue`, `CreateKey`…); NXLog's values are these few words, anything else is the event's data.
const NXLOG_EVENT_TYPES = new Set(['INFO', 'AUDIT_SUCCESS', 'AUDIT_FAILURE', 'WARNING', 'ERROR', 'CRITICAL', 'VERBOSE']);

/** Whether a JSON object looks like a flat Windows event. */
export function isFlatWindowsEvent(value: Readonly<Record<string, unknown>>): boolean {
  return 'Channel' in value && 'EventID' in value;
}

/** A flat Windows event as a `WindowsRecord`, or why it is not one. */
export function fromFlatWindowsEvent(value: Readonly<Record<string, unknown>>): WindowsRecord | { error: string } {
  const parsed = FlatWindowsEventSchema.safeParse(value);
  if (!parsed.success) return { error: `not a Windows event: ${describeIssues(parsed.error.issues)}` };
  const envelope = parsed.data;
  const eventData: Record<string, string> = {};
  for (const [name, field] of Object.entries(value)) {
    if (ENVELOPE_FIELDS.has(name)) continue;
    if (name === 'EventType' && typeof field === 'string' && NXLOG_EVENT_TYPES.has(field)) continue;
    const fieldText = toEventDataValue(field);
    if (fieldText !== undefined) eventData[name] = fieldText;
  }
  const nxlogType = [envelope.EventType, envelope.EventTypeOrignal].find((type) => type === 'AUDIT_SUCCESS' || type === 'AUDIT_FAILURE');
  // Logstash's `@timestamp` has a zone; `EventTime` is the sender's local time without one, so it comes last.
  const timestamp = [envelope['@timestamp'], envelope.TimeCreated, envelope.EventTime]
    .map((raw) => (raw ? toIsoTimestamp(raw) : undefined))
    .find((iso) => iso !== undefined);
  return {
    channel: envelope.Channel,
    eventCode: String(envelope.EventID),
    provider: envelope.SourceName ?? envelope.ProviderName ?? undefined,
    computer: envelope.Hostname ?? envelope.Computer ?? undefined,
    recordId: envelope.RecordNumber === undefined || envelope.RecordNumber === null ? undefined : String(envelope.RecordNumber),
    timestamp,
    auditOutcome: nxlogType === undefined ? undefined : nxlogType === 'AUDIT_SUCCESS' ? 'success' : 'failure',
    message: envelope.Message ?? undefined,
    eventData,
  };
}
