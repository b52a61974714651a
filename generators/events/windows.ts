import type { SysmonEvent } from '../../src/telemetry/sysmon-event.js';
import type { WindowsSecurityEvent } from '../../src/telemetry/windows-security-event.js';
import { dataStream, isoTime, type EventContext } from './context.js';

export interface WindowsHost {
  name: string;
  ip: string;
  domain: string;
}

export interface ProcessInfo {
  pid: number;
  guid: string;
  image: string;
  commandLine: string;
  /** `DOMAIN\name` as Windows writes it. */
  user: string;
  integrityLevel?: string;
}

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

function basename(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1);
}

function splitUser(user: string): { name: string; domain?: string } {
  const at = user.indexOf('\\');
  return at === -1 ? { name: user } : { domain: user.slice(0, at), name: user.slice(at + 1) };
}

function sysmonBase(ctx: EventContext, host: WindowsHost, code: number, action: string, category: string[], type: string[], eventData: Record<string, string>) {
  const timestamp = isoTime(ctx.time);
  return {
    '@timestamp': timestamp,
    event: { id: ctx.id, kind: 'event' as const, category, type, action, code: String(code), provider: 'Microsoft-Windows-Sysmon', module: 'windows', dataset: 'windows.sysmon_operational' as const },
    data_stream: dataStream('windows.sysmon_operational' as const, ctx.namespace),
    host: { name: host.name, hostname: host.name, ip: [host.ip], os: { type: 'windows' as const, family: 'windows' } },
    winlog: {
      channel: SYSMON_CHANNEL,
      provider_name: 'Microsoft-Windows-Sysmon',
      event_id: String(code),
      computer_name: `${host.name}.${host.domain.toLowerCase()}.local`,
      event_data: { UtcTime: `${timestamp.slice(0, 10)} ${timestamp.slice(11, 23)}`, ...eventData },
    },
  };
}

/** Sysmon event 1: a process was created. */
export function processCreate(ctx: EventContext, host: WindowsHost, process: ProcessInfo, parent: ProcessInfo, hashes: string): SysmonEvent {
  const user = splitUser(process.user);
  return {
    ...sysmonBase(ctx, host, 1, 'Process Create (rule: ProcessCreate)', ['process'], ['start'], {
      ProcessGuid: process.guid,
      ProcessId: String(process.pid),
      Image: process.image,
      OriginalFileName: basename(process.image).toUpperCase(),
      CommandLine: process.commandLine,
      CurrentDirectory: 'C:\\Windows\\system32\\',
      User: process.user,
      IntegrityLevel: process.integrityLevel ?? 'Medium',
      Hashes: hashes,
      ParentProcessGuid: parent.guid,
      ParentProcessId: String(parent.pid),
      ParentImage: parent.image,
      ParentCommandLine: parent.commandLine,
      ParentUser: parent.user,
    }),
    process: {
      pid: process.pid,
      entity_id: process.guid,
      executable: process.image,
      name: basename(process.image),
      command_line: process.commandLine,
      pe: { original_file_name: basename(process.image).toUpperCase() },
      parent: { pid: parent.pid, entity_id: parent.guid, executable: parent.image, name: basename(parent.image), command_line: parent.commandLine },
    },
    user: { name: user.name, ...(user.domain ? { domain: user.domain } : {}) },
    related: { user: [user.name] },
  };
}

export interface Connection {
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
  destinationHostname?: string;
}

/** Sysmon event 3: a process made a network connection. */
export function networkConnect(ctx: EventContext, host: WindowsHost, process: ProcessInfo, connection: Connection): SysmonEvent {
  const user = splitUser(process.user);
  return {
    ...sysmonBase(ctx, host, 3, 'Network connection detected (rule: NetworkConnect)', ['network'], ['connection', 'start'], {
      ProcessGuid: process.guid,
      ProcessId: String(process.pid),
      Image: process.image,
      User: process.user,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIp: host.ip,
      SourcePort: String(connection.sourcePort),
      DestinationIp: connection.destinationIp,
      DestinationPort: String(connection.destinationPort),
      ...(connection.destinationHostname ? { DestinationHostname: connection.destinationHostname } : {}),
    }),
    process: { pid: process.pid, entity_id: process.guid, executable: process.image, name: basename(process.image) },
    source: { ip: host.ip, port: connection.sourcePort },
    destination: { ip: connection.destinationIp, port: connection.destinationPort, ...(connection.destinationHostname ? { domain: connection.destinationHostname } : {}) },
    network: { transport: 'tcp', direction: 'egress' },
    user: { name: user.name, ...(user.domain ? { domain: user.domain } : {}) },
    related: { ip: [host.ip, connection.destinationIp], user: [user.name] },
  };
}

/** Sysmon event 10: a process opened another process (lsass access is the classic credential theft signal). */
export function processAccess(ctx: EventContext, host: WindowsHost, source: ProcessInfo, target: ProcessInfo, grantedAccess: string, callTrace: string): SysmonEvent {
  const user = splitUser(source.user);
  return {
    ...sysmonBase(ctx, host, 10, 'Process accessed (rule: ProcessAccess)', ['process'], ['access'], {
      SourceProcessGUID: source.guid,
      SourceProcessId: String(source.pid),
      SourceImage: source.image,
      SourceUser: source.user,
      TargetProcessGUID: target.guid,
      TargetProcessId: String(target.pid),
      TargetImage: target.image,
      TargetUser: target.user,
      GrantedAccess: grantedAccess,
      CallTrace: callTrace,
    }),
    process: { pid: source.pid, entity_id: source.guid, executable: source.image, name: basename(source.image) },
    user: { name: user.name, ...(user.domain ? { domain: user.domain } : {}) },
    related: { user: [user.name] },
  };
}

/** Sysmon event 11: a file was created. */
export function fileCreate(ctx: EventContext, host: WindowsHost, process: ProcessInfo, path: string): SysmonEvent {
  const user = splitUser(process.user);
  const cut = path.lastIndexOf('\\');
  return {
    ...sysmonBase(ctx, host, 11, 'File created (rule: FileCreate)', ['file'], ['creation'], {
      ProcessGuid: process.guid,
      ProcessId: String(process.pid),
      Image: process.image,
      TargetFilename: path,
      User: process.user,
    }),
    process: { pid: process.pid, entity_id: process.guid, executable: process.image, name: basename(process.image) },
    file: { path, name: path.slice(cut + 1), directory: path.slice(0, cut) },
    user: { name: user.name, ...(user.domain ? { domain: user.domain } : {}) },
    related: { user: [user.name] },
  };
}

const LOGON_TYPE_NAMES: Record<number, string> = { 2: 'Interactive', 3: 'Network', 4: 'Batch', 5: 'Service', 10: 'RemoteInteractive', 11: 'CachedInteractive' };

function securityBase(ctx: EventContext, host: WindowsHost, code: number, action: string, category: string[], type: string[], outcome: 'success' | 'failure', eventData: Record<string, string>) {
  return {
    '@timestamp': isoTime(ctx.time),
    event: { id: ctx.id, kind: 'event' as const, category, type, action, outcome, code: String(code), provider: 'Microsoft-Windows-Security-Auditing', module: 'system', dataset: 'system.security' as const },
    data_stream: dataStream('system.security' as const, ctx.namespace),
    host: { name: host.name, hostname: host.name, ip: [host.ip], os: { type: 'windows' as const, family: 'windows' } },
    winlog: {
      channel: 'Security',
      provider_name: 'Microsoft-Windows-Security-Auditing',
      event_id: String(code),
      computer_name: `${host.name}.${host.domain.toLowerCase()}.local`,
      event_data: eventData,
    },
  };
}

export interface Logon {
  user: string;
  domain: string;
  logonType: number;
  sourceIp?: string;
  workstation?: string;
  logonId: string;
  /** Why a failed logon failed, e.g. 0xc000006a (bad password). */
  status?: string;
}

/** 4624 (success) or 4625 (failure): an account logged on, or failed to. */
export function logon(ctx: EventContext, host: WindowsHost, attempt: Logon, succeeded: boolean): WindowsSecurityEvent {
  const code = succeeded ? 4624 : 4625;
  const data: Record<string, string> = {
    TargetUserName: attempt.user,
    TargetDomainName: attempt.domain,
    LogonType: String(attempt.logonType),
    IpAddress: attempt.sourceIp ?? '-',
    IpPort: attempt.sourceIp ? '0' : '-',
    WorkstationName: attempt.workstation ?? '-',
    LogonProcessName: attempt.logonType === 3 ? 'NtLmSsp' : 'User32',
    AuthenticationPackageName: attempt.logonType === 3 ? 'NTLM' : 'Negotiate',
    ...(succeeded ? { TargetLogonId: attempt.logonId } : { Status: '0xc000006d', SubStatus: attempt.status ?? '0xc000006a', FailureReason: '%%2313' }),
  };
  const base = securityBase(ctx, host, code, succeeded ? 'logged-in' : 'logon-failed', ['authentication'], ['start'], succeeded ? 'success' : 'failure', data);
  return {
    ...base,
    winlog: {
      ...base.winlog,
      logon: { type: LOGON_TYPE_NAMES[attempt.logonType] ?? String(attempt.logonType), ...(succeeded ? { id: attempt.logonId } : {}) },
    },
    user: { name: attempt.user, domain: attempt.domain },
    ...(attempt.sourceIp ? { source: { ip: attempt.sourceIp } } : {}),
    related: { user: [attempt.user], ...(attempt.sourceIp ? { ip: [attempt.sourceIp] } : {}) },
  };
}

/** 4672: special privileges (admin rights) were assigned to a new logon. */
export function specialPrivileges(ctx: EventContext, host: WindowsHost, user: string, domain: string, logonId: string): WindowsSecurityEvent {
  return {
    ...securityBase(ctx, host, 4672, 'assigned-special-privileges', ['iam'], ['admin'], 'success', {
      SubjectUserName: user,
      SubjectDomainName: domain,
      SubjectLogonId: logonId,
      PrivilegeList: 'SeDebugPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege',
    }),
    user: { name: user, domain },
    related: { user: [user] },
  };
}

/** 4732: a member was added to a security-enabled local group (e.g. Administrators). */
export function memberAdded(ctx: EventContext, host: WindowsHost, actor: string, domain: string, member: string, group: string): WindowsSecurityEvent {
  return {
    ...securityBase(ctx, host, 4732, 'added-member-to-group', ['iam'], ['group', 'change'], 'success', {
      MemberName: `CN=${member},CN=Users,DC=${domain.toLowerCase()},DC=local`,
      MemberSid: `S-1-5-21-${ctx.id.length}-${member.length}-1104`,
      TargetUserName: group,
      TargetDomainName: 'Builtin',
      TargetSid: 'S-1-5-32-544',
      SubjectUserName: actor,
      SubjectDomainName: domain,
    }),
    user: { name: actor, domain },
    group: { name: group, domain: 'Builtin', id: 'S-1-5-32-544' },
    related: { user: [actor, member] },
  };
}

/** 4697: a service was installed (PsExec-style lateral movement installs one on the target). */
export function serviceInstalled(ctx: EventContext, host: WindowsHost, actor: string, domain: string, serviceName: string, serviceFile: string): WindowsSecurityEvent {
  return {
    ...securityBase(ctx, host, 4697, 'service-installed', ['configuration'], ['creation'], 'success', {
      SubjectUserName: actor,
      SubjectDomainName: domain,
      ServiceName: serviceName,
      ServiceFileName: serviceFile,
      ServiceType: '0x10',
      ServiceStartType: '3',
      ServiceAccount: 'LocalSystem',
    }),
    user: { name: actor, domain },
    service: { name: serviceName },
    related: { user: [actor] },
  };
}
