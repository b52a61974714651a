import type { WindowsSecurityEvent } from '../windows-security-event.js';
import { normalizeIp } from './ip-address.js';
import { validateEvent, type MapContext, type MapOutcome } from './map-outcome.js';
import { parsePort } from './port-number.js';
import { parseProcessId } from './process-id.js';
import { relatedFields } from './related-fields.js';
import type { WindowsEnvelope } from './windows-envelope.js';
import { windowsBaseName } from './windows-path.js';
import type { WindowsRecord } from './windows-record.js';
import { securityEventClass, type SecurityEventClass } from './windows-security-event-class.js';
import { parseWindowsUser, type WindowsUser } from './windows-user.js';

type Data = Readonly<Record<string, string>>;
type Endpoint = NonNullable<WindowsSecurityEvent['source']>;

/** `LogonType` numbers under the names Elastic's integration gives them in `winlog.logon.type`. */
const LOGON_TYPES: Readonly<Record<string, string>> = {
  '0': 'System',
  '2': 'Interactive',
  '3': 'Network',
  '4': 'Batch',
  '5': 'Service',
  '7': 'Unlock',
  '8': 'NetworkCleartext',
  '9': 'NewCredentials',
  '10': 'RemoteInteractive',
  '11': 'CachedInteractive',
  '12': 'CachedRemoteInteractive',
  '13': 'CachedUnlock',
};

/**
 * A Security log record as a `logs-system.security` document. `winlog.event_data` keeps every field under its
 * Windows name; the account, address, logon, process, group and service are also copied to ECS. The user is the
 * target account when the event has one (the account logged on, created, changed), else the subject that acted.
 */
export function mapWindowsSecurityRecord(record: WindowsRecord, envelope: WindowsEnvelope, context: MapContext): MapOutcome {
  const data = record.eventData;
  const eventClass = securityEventClass(record.eventCode);
  const user = securityUser(data, eventClass);
  const source = endpoint(data['IpAddress'] ?? data['SourceAddress'], data['IpPort'] ?? data['SourcePort'], data['WorkstationName']);
  const destination = endpoint(data['DestAddress'], data['DestPort']);
  const logonType = data['LogonType'];
  const logonId = data['TargetLogonId'] ?? data['SubjectLogonId'];
  const process = securityProcess(record.eventCode, data);
  const group = eventClass.targetIsGroup ? securityGroup(data) : undefined;
  const serviceName = data['ServiceName'];
  const outcome = securityOutcome(eventClass, data, record.auditOutcome);

  const event: WindowsSecurityEvent = {
    '@timestamp': envelope.timestamp,
    event: {
      id: envelope.id,
      kind: 'event',
      category: eventClass.category,
      type: eventClass.type,
      action: eventClass.action,
      ...(outcome ? { outcome } : {}),
      code: record.eventCode,
      provider: envelope.winlog.provider_name,
      module: 'system',
      dataset: 'system.security',
      original: context.original,
    },
    data_stream: { type: 'logs', dataset: 'system.security', namespace: context.namespace },
    ...(record.message === undefined ? {} : { message: record.message }),
    host: envelope.host,
    winlog: {
      ...envelope.winlog,
      ...(logonType || logonId
        ? { logon: { ...(logonType ? { type: LOGON_TYPES[logonType] ?? logonType } : {}), ...(logonId ? { id: logonId } : {}) } }
        : {}),
    },
    ...(user ? { user } : {}),
    ...(source ? { source } : {}),
    ...(destination ? { destination } : {}),
    ...(process ? { process } : {}),
    ...(group ? { group } : {}),
    ...(serviceName && serviceName !== '-' ? { service: { name: serviceName } } : {}),
    related: relatedFields([source?.ip, destination?.ip], [user?.name]),
  };
  return validateEvent(event);
}

function securityUser(data: Data, eventClass: SecurityEventClass): (WindowsUser & { id?: string }) | undefined {
  const target = eventClass.targetIsGroup ? undefined : parseWindowsUser(data['TargetUserName'], data['TargetDomainName']);
  if (target) return withSid(target, data['TargetUserSid'] ?? data['TargetSid']);
  const subject = parseWindowsUser(data['SubjectUserName'], data['SubjectDomainName']);
  return subject ? withSid(subject, data['SubjectUserSid']) : undefined;
}

function withSid(user: WindowsUser, sid: string | undefined): WindowsUser & { id?: string } {
  return sid && sid !== '-' ? { ...user, id: sid } : user;
}

function securityGroup(data: Data): WindowsSecurityEvent['group'] {
  const name = data['TargetUserName'];
  if (!name || name === '-') return undefined;
  const domain = data['TargetDomainName'];
  const id = data['TargetSid'];
  return { name, ...(domain && domain !== '-' ? { domain } : {}), ...(id && id !== '-' ? { id } : {}) };
}

/** An address with its port; `-` and other non-addresses leave the ECS `ip` out but keep the port and name. */
function endpoint(address: string | undefined, port: string | undefined, domain?: string): Endpoint | undefined {
  const ip = address === undefined ? undefined : normalizeIp(address);
  const portNumber = ip === undefined ? undefined : parsePort(port);
  const name = domain?.trim();
  const found: Endpoint = {
    ...(ip ? { ip } : {}),
    ...(portNumber ? { port: portNumber } : {}),
    ...(name && name !== '-' ? { domain: name } : {}),
  };
  return Object.keys(found).length > 0 ? found : undefined;
}

function securityProcess(eventCode: string, data: Data): WindowsSecurityEvent['process'] {
  if (eventCode === '4688') {
    const executable = data['NewProcessName'];
    const pid = parseProcessId(data['NewProcessId']);
    const parentExecutable = data['ParentProcessName'];
    const parentPid = parseProcessId(data['ProcessId']);
    const parent = {
      ...(parentPid === undefined ? {} : { pid: parentPid }),
      ...(parentExecutable ? { executable: parentExecutable, name: windowsBaseName(parentExecutable) } : {}),
    };
    return {
      ...(pid === undefined ? {} : { pid }),
      ...(executable ? { executable, name: windowsBaseName(executable) } : {}),
      ...(data['CommandLine'] ? { command_line: data['CommandLine'] } : {}),
      ...(Object.keys(parent).length > 0 ? { parent } : {}),
    };
  }
  const executable = data['ProcessName'];
  const pid = parseProcessId(data['ProcessId']);
  if (!executable || executable === '-') return pid === undefined || pid === 0 ? undefined : { pid };
  return { ...(pid === undefined ? {} : { pid }), executable, name: windowsBaseName(executable) };
}

function securityOutcome(
  eventClass: SecurityEventClass,
  data: Data,
  auditOutcome: WindowsRecord['auditOutcome'],
): 'success' | 'failure' | undefined {
  if (eventClass.outcome) return eventClass.outcome;
  const status = data['Status']?.toLowerCase();
  if (eventClass.statusSaysOutcome && status !== undefined) return status === '0x0' ? 'success' : 'failure';
  return auditOutcome;
}
