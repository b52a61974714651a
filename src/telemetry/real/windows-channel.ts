import { malformed, skipped, type MapContext, type MapOutcome } from './map-outcome.js';
import { mapSysmonRecord } from './sysmon-record.js';
import { buildWindowsEnvelope } from './windows-envelope.js';
import type { WindowsRecord } from './windows-record.js';
import { mapWindowsSecurityRecord } from './windows-security-record.js';

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const SECURITY_CHANNEL = 'Security';

/**
 * Sends a Windows record to the mapper of its channel. Channel names are compared without case, as Windows does
 * (some collectors write `security`), and stored under their canonical spelling so one term query finds them all.
 * Records of other channels (PowerShell, System, WMI…) have no data stream here: they are skipped, by channel.
 */
export function mapWindowsRecord(record: WindowsRecord, context: MapContext): MapOutcome {
  const channel = record.channel.toLowerCase();
  if (channel === SYSMON_CHANNEL.toLowerCase()) {
    const envelope = buildWindowsEnvelope(record, SYSMON_CHANNEL, 'Microsoft-Windows-Sysmon', context);
    return 'error' in envelope ? malformed(envelope.error) : mapSysmonRecord(record, envelope, context);
  }
  if (channel === SECURITY_CHANNEL.toLowerCase()) {
    const envelope = buildWindowsEnvelope(record, SECURITY_CHANNEL, 'Microsoft-Windows-Security-Auditing', context);
    return 'error' in envelope ? malformed(envelope.error) : mapWindowsSecurityRecord(record, envelope, context);
  }
  return skipped(`channel not mapped: ${record.channel}`);
}
