import type { CloudPrincipal, Host, KnownService, Organisation, Person, ServiceAccount, WorkingHours } from '../src/domain/organisation.js';
import { OrganisationSchema } from '../src/domain/organisation.js';
import { Rng } from './random.js';

const FIRST_NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy',
  'rupert', 'sybil', 'trent', 'victor', 'walter', 'yusuf', 'zoe', 'amara', 'bruno', 'chen', 'dara', 'elif', 'farah', 'goran',
  'hana', 'ines', 'jonas', 'kofi', 'lena', 'marco', 'nora', 'oskar', 'priya', 'quinn', 'rosa', 'sami', 'tara', 'umar', 'vera',
  'wen', 'ximena', 'yara', 'zeno', 'aiko', 'bea', 'cyrus', 'dmitri', 'emma', 'felix', 'gita', 'hugo', 'isla', 'jamal', 'kira',
];
const LAST_NAMES = [
  'smith', 'jones', 'garcia', 'miller', 'davis', 'lopez', 'wilson', 'anderson', 'thomas', 'moore', 'martin', 'jackson', 'lee',
  'perez', 'white', 'harris', 'clark', 'lewis', 'walker', 'hall', 'young', 'king', 'wright', 'scott', 'green', 'baker', 'adams',
  'nelson', 'hill', 'campbell', 'mitchell', 'roberts', 'carter', 'phillips', 'evans', 'turner', 'torres', 'parker', 'collins',
  'edwards', 'stewart', 'morris', 'murphy', 'cook', 'rogers', 'morgan', 'cooper', 'peterson', 'reed', 'bailey', 'kim', 'novak',
];

interface Department {
  name: string;
  code: string;
  weight: number;
  titles: readonly string[];
  /** Share of the department with AWS access. */
  awsShare: number;
  linux: boolean;
  shift?: WorkingHours;
}

const DEPARTMENTS: readonly Department[] = [
  { name: 'Engineering', code: 'ENG', weight: 30, titles: ['Software Engineer', 'Senior Engineer', 'SRE'], awsShare: 0.5, linux: true },
  { name: 'Sales', code: 'SAL', weight: 18, titles: ['Account Executive', 'Sales Manager'], awsShare: 0, linux: false },
  { name: 'Finance', code: 'FIN', weight: 10, titles: ['Accountant', 'Financial Analyst', 'Controller'], awsShare: 0.1, linux: false },
  { name: 'Support', code: 'SUP', weight: 14, titles: ['Support Engineer', 'Support Lead'], awsShare: 0, linux: false, shift: { start: 14, end: 23, weekdaysOnly: false } },
  { name: 'Marketing', code: 'MKT', weight: 10, titles: ['Marketing Manager', 'Designer'], awsShare: 0, linux: false },
  { name: 'HR', code: 'HR', weight: 6, titles: ['HR Partner', 'Recruiter'], awsShare: 0, linux: false },
  { name: 'Legal', code: 'LEG', weight: 4, titles: ['Counsel', 'Paralegal'], awsShare: 0, linux: false },
  { name: 'IT', code: 'IT', weight: 8, titles: ['Systems Administrator', 'IT Support'], awsShare: 0.6, linux: true },
];

export const ORGANISATION_NAME = 'Northwind Labs';
export const WINDOWS_DOMAIN = 'NORTHWIND';
export const OFFICE_EGRESS_IP = '198.51.100.10';

const KNOWN_SERVICES: readonly KnownService[] = [
  { name: 'Vaultline Backup', cidr: '203.0.113.0/24', purpose: 'offsite backup provider', approvedForBulkTransfer: true },
  { name: 'Microsoft 365', cidr: '52.96.0.0/14', purpose: 'mail and documents', approvedForBulkTransfer: false },
  { name: 'GitHub', cidr: '140.82.112.0/20', purpose: 'source hosting', approvedForBulkTransfer: false },
  { name: 'Windows Update', cidr: '13.107.4.0/24', purpose: 'operating system updates', approvedForBulkTransfer: false },
  { name: 'Slack', cidr: '34.192.0.0/16', purpose: 'chat', approvedForBulkTransfer: false },
];

export interface OrganisationOptions {
  /** Number of employees. @defaultValue 500 */
  people?: number;
}

/** The simulated organisation for a seed: the same seed and size always give the same organisation. */
export function buildOrganisation(seed: string, options: OrganisationOptions = {}): Organisation {
  const rng = new Rng(`org:${seed}`);
  const size = options.people ?? 500;
  const awsAccountId = String(rng.int(100_000_000, 999_999_999)) + String(rng.int(100, 999));
  const servers = buildServers(size);
  const linuxHosts = servers.filter((host) => host.os === 'linux').map((host) => host.name);
  const people = buildPeople(rng, size, linuxHosts);
  const admins = people.filter((person) => person.isAdmin);
  const itOwner = admins[0]?.username ?? people[0]?.username ?? 'it';
  const workstations: Host[] = people.map((person, index) => ({
    name: person.workstation,
    ip: `10.10.${Math.floor(index / 250)}.${(index % 250) + 2}`,
    os: 'windows',
    role: 'workstation',
    owner: person.username,
    criticality: person.isAdmin ? 'high' : 'low',
  }));
  const windowsServers = servers.filter((host) => host.os === 'windows').map((host) => host.name);
  const serviceAccounts: ServiceAccount[] = [
    { username: 'svc-backup', purpose: 'nightly backup of Windows servers', owner: itOwner, hours: { start: 2, end: 4, weekdaysOnly: false }, targets: windowsServers, sourceHost: 'BKP01' },
    { username: 'svc-monitor', purpose: 'health checks of servers', owner: itOwner, hours: { start: 0, end: 24, weekdaysOnly: false }, targets: windowsServers.slice(0, 4), sourceHost: 'APP01' },
    { username: 'svc-deploy', purpose: 'deployments from the build server', owner: itOwner, hours: { start: 8, end: 18, weekdaysOnly: true }, targets: linuxHosts.filter((name) => name.startsWith('web-')), sourceHost: 'ci-01' },
  ];
  const cloudPrincipals = buildCloudPrincipals(awsAccountId, people, itOwner);
  return OrganisationSchema.parse({
    seed,
    name: ORGANISATION_NAME,
    windowsDomain: WINDOWS_DOMAIN,
    emailDomain: 'northwind.example',
    awsAccountId,
    awsRegion: 'us-east-1',
    people,
    serviceAccounts,
    hosts: [...servers.map((host) => ({ ...host, owner: itOwner })), ...workstations],
    subnets: [
      { cidr: '10.10.0.0/16', name: 'workstations' },
      { cidr: '10.20.0.0/24', name: 'windows servers' },
      { cidr: '10.30.0.0/24', name: 'linux servers' },
      // The office's public NAT address is the organisation's own: console and API calls from it are the staff's.
      { cidr: `${OFFICE_EGRESS_IP}/32`, name: 'office egress' },
    ],
    cloudPrincipals,
    buckets: [
      { name: 'northwind-finance-reports', sensitivity: 'confidential', owner: 'Finance', readers: ['DataPipelineRole'] },
      { name: 'northwind-backups', sensitivity: 'confidential', owner: 'IT', readers: ['BackupRole'] },
      { name: 'northwind-web-assets', sensitivity: 'public', owner: 'Engineering', readers: ['DeployRole'] },
      { name: 'northwind-logs', sensitivity: 'internal', owner: 'IT', readers: ['BackupRole'] },
    ],
    knownServices: KNOWN_SERVICES,
  });
}

function buildServers(size: number): Host[] {
  const appServers = Math.max(3, Math.round(size / 100));
  const webServers = Math.max(2, Math.round(size / 150));
  const windows: Array<Omit<Host, 'owner'>> = [
    { name: 'DC01', ip: '10.20.0.10', os: 'windows', role: 'domain_controller', criticality: 'critical' },
    { name: 'DC02', ip: '10.20.0.11', os: 'windows', role: 'domain_controller', criticality: 'critical' },
    { name: 'FS01', ip: '10.20.0.20', os: 'windows', role: 'file_server', criticality: 'high' },
    { name: 'SQL01', ip: '10.20.0.30', os: 'windows', role: 'database', criticality: 'critical' },
    { name: 'BKP01', ip: '10.20.0.50', os: 'windows', role: 'backup', criticality: 'high' },
    ...Array.from({ length: appServers }, (_, i) => ({
      name: `APP${String(i + 1).padStart(2, '0')}`,
      ip: `10.20.0.${60 + i}`,
      os: 'windows' as const,
      role: 'application' as const,
      criticality: 'medium' as const,
    })),
  ];
  const linux: Array<Omit<Host, 'owner'>> = [
    { name: 'bastion-01', ip: '10.30.0.5', os: 'linux', role: 'bastion', criticality: 'high' },
    { name: 'ci-01', ip: '10.30.0.20', os: 'linux', role: 'build', criticality: 'medium' },
    { name: 'db-01', ip: '10.30.0.30', os: 'linux', role: 'database', criticality: 'critical' },
    ...Array.from({ length: webServers }, (_, i) => ({
      name: `web-${String(i + 1).padStart(2, '0')}`,
      ip: `10.30.0.${40 + i}`,
      os: 'linux' as const,
      role: 'web' as const,
      criticality: 'medium' as const,
    })),
  ];
  return [...windows, ...linux].map((host) => ({ ...host, owner: 'it' }));
}

function buildPeople(rng: Rng, size: number, linuxHosts: readonly string[]): Person[] {
  const totalWeight = DEPARTMENTS.reduce((sum, department) => sum + department.weight, 0);
  const taken = new Set<string>();
  const counters = new Map<string, number>();
  const people: Person[] = [];
  for (let i = 0; i < size; i += 1) {
    // The first people are IT, so even a tiny organisation has administrators.
    const department = i < 2 ? (DEPARTMENTS.find((d) => d.code === 'IT') ?? pickDepartment(rng, totalWeight)) : pickDepartment(rng, totalWeight);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let username = `${first}.${last}`;
    for (let n = 2; taken.has(username); n += 1) username = `${first}.${last}${n}`;
    taken.add(username);
    const title = i < 2 ? 'Systems Administrator' : rng.pick(department.titles);
    const isAdmin = title === 'Systems Administrator';
    const number = (counters.get(department.code) ?? 0) + 1;
    counters.set(department.code, number);
    const start = rng.int(7, 9);
    people.push({
      username,
      displayName: `${capitalise(first)} ${capitalise(last)}`,
      department: department.name,
      title,
      isAdmin,
      workstation: `WS-${department.code}-${String(number).padStart(3, '0')}`,
      hours: department.shift ?? { start, end: start + 9, weekdaysOnly: true },
      awsUser: isAdmin || rng.chance(department.awsShare) ? username : undefined,
      linuxHosts: isAdmin ? [...linuxHosts] : department.linux ? rng.sample(linuxHosts, rng.int(1, 3)) : [],
    });
  }
  return people;
}

function pickDepartment(rng: Rng, totalWeight: number): Department {
  let roll = rng.next() * totalWeight;
  for (const department of DEPARTMENTS) {
    roll -= department.weight;
    if (roll < 0) return department;
  }
  return DEPARTMENTS[0] as Department;
}

function buildCloudPrincipals(account: string, people: readonly Person[], itOwner: string): CloudPrincipal[] {
  const users: CloudPrincipal[] = people
    .filter((person) => person.awsUser !== undefined)
    .map((person) => ({
      name: person.username,
      kind: 'user',
      arn: `arn:aws:iam::${account}:user/${person.username}`,
      owner: person.username,
      policies: person.isAdmin ? ['AdministratorAccess'] : ['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess'],
    }));
  const role = (name: string, policies: string[]): CloudPrincipal => ({ name, kind: 'role', arn: `arn:aws:iam::${account}:role/${name}`, owner: itOwner, policies });
  return [
    ...users,
    role('DeployRole', ['AmazonS3FullAccess', 'AmazonEC2FullAccess']),
    role('BackupRole', ['AmazonS3ReadOnlyAccess']),
    role('DataPipelineRole', ['AmazonS3ReadOnlyAccess']),
  ];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
