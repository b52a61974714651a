import { eventId } from '../event-id.js';
import type { SysmonEvent } from '../sysmon-event.js';
import type { MapContext } from './map-outcome.js';
import type { WindowsRecord } from './windows-record.js';

/** What every Windows document has, whatever its channel: time, id, host and the `winlog` envelope. */
export interface WindowsEnvelope {
  timestamp: string;
  id: string;
  host: SysmonEvent['host'];
  winlog: SysmonEvent['winlog'];
}

/**
 * The common part of a Windows document, or why the record cannot have one. The event id is the record's own
 * identity (computer, channel, record number), so the same event read from two exports is stored once; a record
 * without a record number is identified by its file and line instead.
 */
export function buildWindowsEnvelope(
  record: WindowsRecord,
  channel: string,
  defaultProvider: string,
  context: MapContext,
): WindowsEnvelope | { error: string } {
  if (!record.computer) return { error: 'no computer name (Hostname or Computer)' };
  if (!record.timestamp) return { error: 'no readable time (@timestamp, TimeCreated, EventTime or System.TimeCreated)' };
  const id =
    record.recordId === undefined
      ? eventId('winlog', record.computer, channel, context.fileName, context.line, ...(context.index === undefined ? [] : [context.index]))
      : eventId('winlog', record.computer, channel, record.recordId);
  return {
    timestamp: record.timestamp,
    id,
    host: { name: record.computer, os: { type: 'windows' } },
    winlog: {
      channel,
      provider_name: record.provider ?? defaultProvider,
      event_id: record.eventCode,
      computer_name: record.computer,
      ...(record.recordId === undefined ? {} : { record_id: record.recordId }),
      event_data: record.eventData,
    },
  };
}
