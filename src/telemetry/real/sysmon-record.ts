import type { SysmonEvent } from '../sysmon-event.js';
import { normalizeIp } from './ip-address.js';
import { validateEvent, type MapContext, type MapOutcome } from './map-outcome.js';
import { parsePort } from './port-number.js';
import { parseProcessId } from './process-id.js';
import { relatedFields } from './related-fields.js';
import { sysmonEventClass } from './sysmon-event-class.js';
import type { WindowsEnvelope } from './windows-envelope.js';
import { windowsBaseName, windowsFileFields } from './windows-path.js';
import type { WindowsRecord } from './windows-record.js';
import { parseWindowsUser } from './windows-user.js';

type Process = NonNullable<SysmonEvent['process']>;

// Events whose acting process is named `Source…` because they also name a target process.
const SOURCE_PROCESS_EVENTS = new Set(['8', '10']);
// Events whose subject is a file, and the data field holding its path.
const FILE_PATH_FIELD: Readonly<Record<string, string>> = {
  '2': 'TargetFilename',
  '6': 'ImageLoaded',
  '7': 'ImageLoaded',
  '11': 'TargetFilename',
  '15': 'TargetFilename',
  '23': 'TargetFilename',
  '26': 'TargetFilename',
  '27': 'TargetFilename',
  '28': 'TargetFilename',
  '29': 'TargetFilename',
};
const REGISTRY_EVENTS = new Set(['12', '13', '14']);

/**
 * A Sysmon record as a `logs-windows.sysmon_operational` document. All data fields stay in
 * `winlog.event_data` under Sysmon's names; the well-known ones are also copied to ECS (`process.*`, `file.*`,
 * `source.*`/`destination.*`, `registry.*`, `dns.*`, `user.*`). An address that is not an IP is left out of the
 * ECS `ip` fields, where Elasticsearch would reject the whole document, and kept in `event_data`.
 */
export function mapSysmonRecord(record: WindowsRecord, envelope: WindowsEnvelope, context: MapContext): MapOutcome {
  const data = record.eventData;
  const code = record.eventCode;
  const eventClass = sysmonEventClass(code);
  const user = parseWindowsUser(data['User']);
  const process = sysmonProcess(code, data);
  const filePath = FILE_PATH_FIELD[code] === undefined ? undefined : data[FILE_PATH_FIELD[code]];
  const network = code === '3' ? sysmonConnection(data) : undefined;
  const registryPath = REGISTRY_EVENTS.has(code) ? data['TargetObject'] : undefined;
  const dnsName = code === '22' ? data['QueryName'] : undefined;

  const event: SysmonEvent = {
    '@timestamp': envelope.timestamp,
    event: {
      id: envelope.id,
      kind: 'event',
      category: eventClass.category,
      type: eventClass.type,
      action: eventClass.action,
      code,
      provider: envelope.winlog.provider_name,
      module: 'windows',
      dataset: 'windows.sysmon_operational',
      original: context.original,
    },
    data_stream: { type: 'logs', dataset: 'windows.sysmon_operational', namespace: context.namespace },
    ...(record.message === undefined ? {} : { message: record.message }),
    host: envelope.host,
    winlog: envelope.winlog,
    ...(user ? { user } : {}),
    ...(process ? { process } : {}),
    ...(filePath ? { file: windowsFileFields(filePath) } : {}),
    ...(network ?? {}),
    ...(registryPath ? { registry: { path: registryPath, value: windowsBaseName(registryPath) } } : {}),
    ...(dnsName ? { dns: { question: { name: dnsName } }, network: { protocol: 'dns' } } : {}),
    related: relatedFields([network?.source.ip, network?.destination.ip], [user?.name]),
  };
  return validateEvent(event);
}

function sysmonProcess(code: string, data: Readonly<Record<string, string>>): Process | undefined {
  const prefix = SOURCE_PROCESS_EVENTS.has(code) ? 'Source' : '';
  // Sysmon spells the GUID field `ProcessGuid`, but `SourceProcessGUID` in events 8 and 10.
  const guid = data[`${prefix}ProcessGuid`] ?? data[`${prefix}ProcessGUID`];
  const executable = data[`${prefix}Image`];
  const pid = parseProcessId(data[`${prefix}ProcessId`]);
  const process: Process = {
    ...(pid === undefined ? {} : { pid }),
    ...(guid ? { entity_id: guid } : {}),
    ...(executable ? { executable, name: windowsBaseName(executable) } : {}),
    ...(code === '1' ? processCreateDetails(data) : {}),
  };
  return Object.keys(process).length > 0 ? process : undefined;
}

function processCreateDetails(data: Readonly<Record<string, string>>): Partial<Process> {
  const parentExecutable = data['ParentImage'];
  const parentPid = parseProcessId(data['ParentProcessId']);
  const hashes = parseSysmonHashes(data['Hashes']);
  const parent = {
    ...(parentPid === undefined ? {} : { pid: parentPid }),
    ...(data['ParentProcessGuid'] ? { entity_id: data['ParentProcessGuid'] } : {}),
    ...(parentExecutable ? { executable: parentExecutable, name: windowsBaseName(parentExecutable) } : {}),
    ...(data['ParentCommandLine'] ? { command_line: data['ParentCommandLine'] } : {}),
  };
  return {
    ...(data['CommandLine'] ? { command_line: data['CommandLine'] } : {}),
    ...(data['CurrentDirectory'] ? { working_directory: data['CurrentDirectory'] } : {}),
    ...(data['OriginalFileName'] ? { pe: { original_file_name: data['OriginalFileName'] } } : {}),
    ...(hashes.sha256 || hashes.md5 ? { hash: hashes } : {}),
    ...(Object.keys(parent).length > 0 ? { parent } : {}),
  };
}

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` as ECS hashes, lower case as ECS writes them. */
export function parseSysmonHashes(raw: string | undefined): { sha256?: string; md5?: string } {
  const hashes: { sha256?: string; md5?: string } = {};
  for (const pair of (raw ?? '').split(',')) {
    const [algorithm, value] = pair.split('=');
    if (!value) continue;
    if (algorithm?.trim().toUpperCase() === 'SHA256') hashes.sha256 = value.trim().toLowerCase();
    if (algorithm?.trim().toUpperCase() === 'MD5') hashes.md5 = value.trim().toLowerCase();
  }
  return hashes;
}

function sysmonConnection(data: Readonly<Record<string, string>>) {
  const endpoint = (prefix: 'Source' | 'Destination') => {
    const ip = normalizeIp(data[`${prefix}Ip`] ?? '');
    const port = parsePort(data[`${prefix}Port`]);
    const domain = data[`${prefix}Hostname`];
    return {
      ...(ip ? { ip } : {}),
      ...(port === undefined ? {} : { port }),
      ...(domain && domain !== '-' ? { domain } : {}),
    };
  };
  const transport = data['Protocol']?.toLowerCase();
  const initiated = data['Initiated']?.toLowerCase();
  return {
    source: endpoint('Source'),
    destination: endpoint('Destination'),
    network: {
      ...(transport ? { transport } : {}),
      // Sysmon logs the connection on the host that initiated it (outbound) or accepted it (inbound).
      ...(initiated === 'true' ? { direction: 'egress' } : initiated === 'false' ? { direction: 'ingress' } : {}),
    },
  };
}
