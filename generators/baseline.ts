import { createHash } from 'node:crypto';
import type { Host, Organisation, Person } from '../src/domain/organisation.js';
import { eventId } from '../src/telemetry/event-id.js';
import type { TelemetryEvent } from '../src/telemetry/telemetry-event.js';
import { activityLevel, inHours } from './activity.js';
import { PROGRAMS, SCANNER_USERNAMES, SERVER_PROGRAMS, SYSTEM_IMAGES, type ProgramSpec } from './catalogue.js';
import { cloudTrailEvent, type CloudTrailIdentity } from './events/cloudtrail.js';
import type { EventContext } from './events/context.js';
import { sshLogin, sudo } from './events/linux-auth.js';
import { networkFlow } from './events/network-flow.js';
import { fileCreate, logon, networkConnect, processAccess, processCreate, specialPrivileges, type ProcessInfo, type WindowsHost } from './events/windows.js';
import { OFFICE_EGRESS_IP } from './organisation.js';
import type { Rng } from './random.js';

const HOUR_MS = 3_600_000;

/** Mean events per fully active person-hour, by kind. Tuned so 500 people give about a million events a day. */
const RATES = {
  processCreate: 90,
  networkConnect: 102,
  processAccess: 3,
  fileCreate: 9,
  networkLogon: 4,
  flow: 8,
  cloudCall: 20,
  ssh: 0.6,
  /** Background per host-hour, around the clock. */
  hostBackground: 30,
  /** Distinct internet scanners hitting the bastion per hour. */
  scanners: 12,
};

/** The fixed pool of ordinary web destinations of this organisation, so a new destination stands out. */
export function webDestinations(org: Organisation): string[] {
  const out: string[] = [];
  const digest = createHash('sha256').update(`web:${org.seed}`).digest();
  for (let i = 0; i < 300; i += 1) {
    const a = 23 + ((digest[i % digest.length] ?? 0) + i * 7) % 150;
    out.push(`${a}.${(i * 37) % 250 + 1}.${(i * 91) % 250 + 1}.${(i * 53) % 250 + 2}`);
  }
  return out.filter((ip) => !ip.startsWith('127.') && !ip.startsWith('100.'));
}

/** The hosts of the organisation by name, with the shape the event builders take. */
export class HostDirectory {
  private readonly byName = new Map<string, Host>();

  constructor(readonly org: Organisation) {
    for (const host of org.hosts) this.byName.set(host.name, host);
  }

  get(name: string): Host {
    const host = this.byName.get(name);
    if (!host) throw new Error(`unknown host ${name}`);
    return host;
  }

  windows(name: string): WindowsHost {
    const host = this.get(name);
    return { name: host.name, ip: host.ip, domain: this.org.windowsDomain };
  }
}

/** Builds processes with stable system parents per host. */
export class ProcessFactory {
  private readonly systemProcesses = new Map<string, ProcessInfo>();

  constructor(private readonly rng: Rng) {}

  make(image: string, commandLine: string, user: string, integrityLevel?: string): ProcessInfo {
    const hex = this.rng.hex(32);
    return {
      pid: this.rng.int(1000, 65000),
      guid: `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`,
      image,
      commandLine,
      user,
      ...(integrityLevel ? { integrityLevel } : {}),
    };
  }

  system(host: string, kind: keyof typeof SYSTEM_IMAGES, user: string): ProcessInfo {
    const key = `${host}:${kind}:${user}`;
    const known = this.systemProcesses.get(key);
    if (known) return known;
    // The same host always has the same system process ids within a run.
    const digest = createHash('sha1').update(`${host}:${kind}`).digest('hex');
    const image = SYSTEM_IMAGES[kind];
    const process = {
      pid: 400 + (Number.parseInt(digest.slice(0, 4), 16) % 8000),
      guid: `{${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}}`,
      image,
      commandLine: image,
      user,
    };
    this.systemProcesses.set(key, process);
    return process;
  }
}

const hashesByImage = new Map<string, string>();

export function fileHashes(image: string): string {
  let hashes = hashesByImage.get(image);
  if (hashes === undefined) {
    const sha = createHash('sha256').update(image.toLowerCase()).digest('hex').toUpperCase();
    hashes = `SHA256=${sha},MD5=${sha.slice(0, 32)}`;
    hashesByImage.set(image, hashes);
  }
  return hashes;
}

interface SliceState {
  org: Organisation;
  hosts: HostDirectory;
  rng: Rng;
  namespace: string;
  sliceStart: number;
  /** Time span the slice's events are spread over. */
  spanMs: number;
  /** The slice's share of an hour: every hourly rate is scaled by it. */
  scale: number;
  /** The first slice of an hour carries the once-an-hour events. */
  firstOfHour: boolean;
  seed: string;
  sliceIndex: number;
  out: TelemetryEvent[];
  web: readonly string[];
  seq: number;
  idPrefix: string;
}

function nextContext(state: SliceState): EventContext {
  state.seq += 1;
  return {
    // Sequential within a (seed, slice): unique and deterministic without hashing a million ids.
    id: `${state.idPrefix}${state.sliceIndex.toString(36)}n${state.seq.toString(36)}`,
    time: new Date(state.sliceStart + Math.floor(state.rng.next() * state.spanMs)),
    namespace: state.namespace,
  };
}

const eligibleCache = new WeakMap<readonly ProgramSpec[], Map<string, { programs: ProgramSpec[]; total: number }>>();

function pickProgram(rng: Rng, programs: readonly ProgramSpec[], department: string): ProgramSpec {
  let byDepartment = eligibleCache.get(programs);
  if (!byDepartment) eligibleCache.set(programs, (byDepartment = new Map<string, { programs: ProgramSpec[]; total: number }>()));
  let eligible = byDepartment.get(department);
  if (!eligible) {
    const list = programs.filter((program) => !program.departments || program.departments.includes(department));
    eligible = { programs: list, total: list.reduce((sum, program) => sum + program.weight, 0) };
    byDepartment.set(department, eligible);
  }
  let roll = rng.next() * eligible.total;
  for (const program of eligible.programs) {
    roll -= program.weight;
    if (roll < 0) return program;
  }
  return eligible.programs[0] as ProgramSpec;
}

function pickKnownServiceIp(rng: Rng, org: Organisation, names: readonly string[]): string {
  const service = org.knownServices.find((candidate) => candidate.name === rng.pick(names)) ?? org.knownServices[0];
  const [base] = (service?.cidr ?? '52.96.0.0/14').split('/');
  const octets = (base ?? '52.96.0.0').split('.').map(Number);
  return `${octets[0]}.${octets[1]}.${(octets[2] ?? 0) + rng.int(0, 3)}.${rng.int(2, 250)}`;
}

function workstationSlice(state: SliceState, person: Person, processes: ProcessFactory): void {
  const { rng, org } = state;
  const level = activityLevel(person.hours, new Date(state.sliceStart));
  const host = state.hosts.windows(person.workstation);
  const user = `${org.windowsDomain}\\${person.username}`;
  const explorer = processes.system(host.name, 'explorer', user);
  const services = processes.system(host.name, 'services', 'NT AUTHORITY\\SYSTEM');
  const parents = { explorer, services, svchost: processes.system(host.name, 'svchost', 'NT AUTHORITY\\SYSTEM'), userinit: explorer };
  const working = inHours(person.hours, new Date(state.sliceStart));

  for (let i = rng.poisson(RATES.processCreate * level * state.scale); i > 0; i -= 1) {
    const program = pickProgram(rng, PROGRAMS, person.department);
    const parent = parents[program.parent];
    const owner = program.parent === 'explorer' ? user : 'NT AUTHORITY\\SYSTEM';
    state.out.push(processCreate(nextContext(state), host, processes.make(program.image, program.commandLine, owner), parent, fileHashes(program.image)));
  }
  for (let i = rng.poisson(RATES.networkConnect * level * state.scale); i > 0; i -= 1) {
    const roll = rng.next();
    const internal = roll < 0.25;
    const destination = internal
      ? rng.pick(['10.20.0.10', '10.20.0.11', '10.20.0.20'])
      : roll < 0.7
        ? pickKnownServiceIp(rng, org, person.department === 'Engineering' ? ['Microsoft 365', 'GitHub', 'Slack'] : ['Microsoft 365', 'Slack'])
        : rng.pick(state.web);
    const port = internal ? rng.pick([88, 389, 445, 135]) : 443;
    const image = internal ? SYSTEM_IMAGES.svchost : PROGRAMS[0]?.image ?? SYSTEM_IMAGES.svchost;
    state.out.push(networkConnect(nextContext(state), host, processes.make(image, image, user), { sourcePort: rng.int(49152, 65535), destinationIp: destination, destinationPort: port }));
  }
  for (let i = rng.poisson(RATES.processAccess * level * state.scale); i > 0; i -= 1) {
    // Defender reads lsass with query rights all day long: the benign neighbour of credential dumping.
    const defender = processes.system(host.name, 'defender', 'NT AUTHORITY\\SYSTEM');
    const lsass = processes.system(host.name, 'lsass', 'NT AUTHORITY\\SYSTEM');
    state.out.push(processAccess(nextContext(state), host, defender, lsass, '0x1000', 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2b8be'));
  }
  for (let i = rng.poisson(RATES.fileCreate * level * state.scale); i > 0; i -= 1) {
    const path = rng.pick([
      `C:\\Users\\${person.username}\\Downloads\\report-${rng.int(1, 999)}.pdf`,
      `C:\\Users\\${person.username}\\AppData\\Local\\Temp\\~DF${rng.hex(4).toUpperCase()}.tmp`,
      `C:\\Users\\${person.username}\\Documents\\notes-${rng.int(1, 99)}.docx`,
    ]);
    state.out.push(fileCreate(nextContext(state), host, processes.make(PROGRAMS[0]?.image ?? SYSTEM_IMAGES.explorer, 'chrome.exe', user), path));
  }
  if (working) {
    for (let i = rng.poisson(RATES.networkLogon * level * state.scale); i > 0; i -= 1) {
      const target = state.hosts.windows(rng.pick(['FS01', 'DC01', 'DC02']));
      state.out.push(logon(nextContext(state), target, { user: person.username, domain: org.windowsDomain, logonType: 3, sourceIp: host.ip, workstation: host.name, logonId: `0x${rng.hex(6)}` }, true));
    }
    // Caps lock happens: an occasional single failed logon, followed by a success.
    if (rng.chance(0.02 * state.scale)) {
      const ctx = nextContext(state);
      state.out.push(logon(ctx, host, { user: person.username, domain: org.windowsDomain, logonType: 2, workstation: host.name, logonId: '0x0' }, false));
      state.out.push(logon({ ...nextContext(state), time: new Date(ctx.time.getTime() + 4_000) }, host, { user: person.username, domain: org.windowsDomain, logonType: 2, workstation: host.name, logonId: `0x${rng.hex(6)}` }, true));
    }
    if (person.isAdmin && rng.chance(0.5 * state.scale)) {
      state.out.push(specialPrivileges(nextContext(state), host, person.username, org.windowsDomain, `0x${rng.hex(6)}`));
    }
  }
  for (let i = rng.poisson(RATES.flow * level * state.scale); i > 0; i -= 1) {
    const destination = rng.chance(0.6) ? pickKnownServiceIp(rng, org, ['Microsoft 365', 'Slack', 'GitHub', 'Windows Update']) : rng.pick(state.web);
    state.out.push(
      networkFlow(nextContext(state), {
        host: host.name,
        sourceIp: host.ip,
        sourcePort: rng.int(49152, 65535),
        destinationIp: destination,
        destinationPort: 443,
        bytesOut: Math.round(Math.exp(7 + rng.next() * 6)),
        bytesIn: Math.round(Math.exp(9 + rng.next() * 6)),
        durationMs: rng.int(50, 120_000),
      }),
    );
  }
}

function serverSlice(state: SliceState, host: Host, processes: ProcessFactory): void {
  const { rng, org } = state;
  if (host.os === 'windows') {
    const windowsHost = state.hosts.windows(host.name);
    const services = processes.system(host.name, 'services', 'NT AUTHORITY\\SYSTEM');
    for (let i = rng.poisson(RATES.hostBackground * state.scale); i > 0; i -= 1) {
      const program = pickProgram(rng, SERVER_PROGRAMS, 'IT');
      state.out.push(processCreate(nextContext(state), windowsHost, processes.make(program.image, program.commandLine, 'NT AUTHORITY\\SYSTEM', 'System'), services, fileHashes(program.image)));
    }
    return;
  }
  const linuxHost = { name: host.name, ip: host.ip };
  for (const person of org.people) {
    if (!person.linuxHosts.includes(host.name)) continue;
    const level = activityLevel(person.hours, new Date(state.sliceStart));
    for (let i = rng.poisson(RATES.ssh * level * state.scale); i > 0; i -= 1) {
      const source = state.hosts.get(person.workstation).ip;
      state.out.push(sshLogin(nextContext(state), linuxHost, rng.int(2000, 60000), 'Accepted', person.username, source, rng.int(49152, 65535), 'publickey'));
      if (person.isAdmin && rng.chance(0.3)) {
        state.out.push(sudo(nextContext(state), linuxHost, rng.int(2000, 60000), person.username, rng.pick(['/usr/bin/systemctl restart nginx', '/usr/bin/apt-get upgrade -y', '/usr/bin/journalctl -u sshd']), true));
      }
    }
  }
  const deploy = org.serviceAccounts.find((account) => account.username === 'svc-deploy');
  if (state.firstOfHour && deploy?.targets.includes(host.name) && inHours(deploy.hours, new Date(state.sliceStart))) {
    state.out.push(sshLogin(nextContext(state), linuxHost, rng.int(2000, 60000), 'Accepted', 'svc-deploy', state.hosts.get(deploy.sourceHost).ip, rng.int(49152, 65535), 'publickey'));
  }
  if (host.role === 'bastion') {
    // An internet-facing SSH server is probed all day by scanners trying a few common names each.
    for (let s = rng.poisson(RATES.scanners * state.scale); s > 0; s -= 1) {
      const scanner = `${rng.int(31, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      for (let attempt = rng.int(1, 3); attempt > 0; attempt -= 1) {
        const name = rng.pick(SCANNER_USERNAMES);
        const invalid = name !== 'root';
        state.out.push(sshLogin(nextContext(state), linuxHost, rng.int(2000, 60000), invalid ? 'Invalid' : 'Failed', name, scanner, rng.int(30000, 65535), 'password'));
      }
    }
  }
}

function cloudSlice(state: SliceState): void {
  const { rng, org } = state;
  const region = org.awsRegion;
  const principalByName = new Map(org.cloudPrincipals.map((principal) => [principal.name, principal]));
  const call = (identity: CloudTrailIdentity, sourceIp: string, userAgent: string, eventSource: string, eventName: string, readOnly: boolean, requestParameters: Record<string, unknown> | null, category: 'Management' | 'Data' = 'Management') =>
    state.out.push(cloudTrailEvent(nextContext(state), { account: org.awsAccountId, region, eventSource, eventName, identity, sourceIp, userAgent, requestParameters, readOnly, eventCategory: category }));

  for (const person of org.people) {
    if (!person.awsUser) continue;
    const principal = principalByName.get(person.awsUser);
    if (!principal) continue;
    const level = activityLevel(person.hours, new Date(state.sliceStart));
    if (level < 0.1) continue;
    const identity: CloudTrailIdentity = { type: 'IAMUser', name: principal.name, arn: principal.arn, accessKeyId: `AKIA${principal.name.replace(/[^a-z]/g, '').toUpperCase().padEnd(16, 'X').slice(0, 16)}` };
    const agent = rng.pick(['aws-cli/2.17.20 Python/3.11.9 Linux/6.8.0 exe/x86_64.ubuntu.24', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36']);
    for (let i = rng.poisson(RATES.cloudCall * level * state.scale); i > 0; i -= 1) {
      const pickCall = rng.next();
      if (pickCall < 0.3) call(identity, OFFICE_EGRESS_IP, agent, 'ec2.amazonaws.com', rng.pick(['DescribeInstances', 'DescribeSecurityGroups', 'DescribeVolumes']), true, { filterSet: {} });
      else if (pickCall < 0.5) call(identity, OFFICE_EGRESS_IP, agent, 's3.amazonaws.com', 'ListBuckets', true, { Host: 's3.amazonaws.com' });
      else if (pickCall < 0.65) call(identity, OFFICE_EGRESS_IP, agent, 's3.amazonaws.com', 'GetObject', true, { bucketName: 'northwind-web-assets', key: `assets/img-${rng.int(1, 400)}.png` }, 'Data');
      else if (pickCall < 0.8) call(identity, OFFICE_EGRESS_IP, agent, 'iam.amazonaws.com', rng.pick(['GetUser', 'ListRoles', 'ListAttachedUserPolicies']), true, { userName: principal.name });
      else if (pickCall < 0.9) call(identity, OFFICE_EGRESS_IP, agent, 'sts.amazonaws.com', 'GetCallerIdentity', true, null);
      else call(identity, OFFICE_EGRESS_IP, agent, 'cloudtrail.amazonaws.com', 'LookupEvents', true, { maxResults: 50 });
    }
  }
  const hour = new Date(state.sliceStart).getUTCHours();
  const role = (name: string): CloudTrailIdentity => ({ type: 'AssumedRole', name, arn: principalByName.get(name)?.arn ?? name, accessKeyId: `ASIA${name.toUpperCase().padEnd(16, 'X').slice(0, 16)}` });
  // Nightly backup reads, the finance pipeline's daily reads and deployments: each below the exfiltration threshold.
  if (hour >= 2 && hour < 4) {
    for (let i = rng.poisson(30 * state.scale); i > 0; i -= 1) call(role('BackupRole'), '10.20.0.50', 'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5', 's3.amazonaws.com', 'GetObject', true, { bucketName: 'northwind-backups', key: `windows/${rng.hex(8)}.vhdx.part` }, 'Data');
  }
  if (hour >= 6 && hour < 7) {
    for (let i = rng.poisson(18 * state.scale); i > 0; i -= 1) call(role('DataPipelineRole'), '10.30.0.20', 'Boto3/1.35.10 Python/3.12.5 Linux/6.8.0 Botocore/1.35.10', 's3.amazonaws.com', 'GetObject', true, { bucketName: 'northwind-finance-reports', key: `daily/${rng.int(2024, 2026)}/ledger-${rng.int(1, 365)}.csv` }, 'Data');
  }
  if (hour >= 9 && hour < 18 && rng.chance(0.5 * state.scale)) {
    call(role('DeployRole'), '10.30.0.20', 'aws-cli/2.17.20', 's3.amazonaws.com', 'PutObject', false, { bucketName: 'northwind-web-assets', key: `releases/${rng.hex(7)}/bundle.js` }, 'Data');
  }
}

/** Every ordinary event of one time slice (an hour or a part of one), for all sources. */
export function baselineSlice(
  org: Organisation,
  hosts: HostDirectory,
  rng: Rng,
  options: {
    seed: string;
    namespace: string;
    sliceStart: number;
    /** How much activity the slice holds, as a duration at the organisation's normal pace. */
    sliceMs: number;
    /** Over how long the events are spread; shorter than `sliceMs` speeds time up (live mode). @defaultValue sliceMs */
    spanMs?: number;
    sliceIndex: number;
    web: readonly string[];
    /** Starts every event id, so live and historical streams of one seed never share ids. @defaultValue 'b' */
    idTag?: string;
  },
): TelemetryEvent[] {
  const state: SliceState = {
    org,
    hosts,
    rng,
    namespace: options.namespace,
    sliceStart: options.sliceStart,
    spanMs: options.spanMs ?? options.sliceMs,
    scale: options.sliceMs / HOUR_MS,
    firstOfHour: options.sliceStart % HOUR_MS < (options.spanMs ?? options.sliceMs),
    seed: options.seed,
    sliceIndex: options.sliceIndex,
    out: [],
    web: options.web,
    seq: 0,
    idPrefix: `${options.idTag ?? 'b'}${eventId(options.seed, 'baseline').slice(0, 8)}s`,
  };
  const processes = new ProcessFactory(rng);
  for (const person of org.people) workstationSlice(state, person, processes);
  for (const host of org.hosts) if (host.role !== 'workstation') serverSlice(state, host, processes);
  cloudSlice(state);
  if (!state.firstOfHour) return state.out;
  const monitor = org.serviceAccounts.find((account) => account.username === 'svc-monitor');
  for (const target of monitor?.targets ?? []) {
    state.out.push(logon(nextContext(state), hosts.windows(target), { user: 'svc-monitor', domain: org.windowsDomain, logonType: 3, sourceIp: hosts.get(monitor?.sourceHost ?? 'APP01').ip, workstation: monitor?.sourceHost ?? 'APP01', logonId: `0x${rng.hex(6)}` }, true));
  }
  const backup = org.serviceAccounts.find((account) => account.username === 'svc-backup');
  if (backup && inHours(backup.hours, new Date(options.sliceStart))) {
    // Baseline backups touch a few servers a night; the fan-out scenario touches them all.
    for (const target of rng.sample(backup.targets, 2)) {
      state.out.push(logon(nextContext(state), hosts.windows(target), { user: 'svc-backup', domain: org.windowsDomain, logonType: 3, sourceIp: hosts.get(backup.sourceHost).ip, workstation: backup.sourceHost, logonId: `0x${rng.hex(6)}` }, true));
    }
  }
  return state.out;
}
