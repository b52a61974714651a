import type { Alert, AlertRule } from '../../../../src/domain/alert.js';
import type { Evidence } from '../../../../src/domain/evidence.js';
import type { Disposition } from '../../../../src/domain/verdict.js';
import { loadRulePack } from '../../../../src/producer/load-rules.js';
import { makeAlert } from '../../../support/alert-builder.js';
import { alertOutput, cloudPrincipal, enrichment, entityContext, host, makeEvidence, person, rows, searchResult, serviceAccount, type SampleRow } from './evidence-builders.js';

/**
 * Hand-made evidence for the generated scenarios (generators/scenarios/*.ts): what the tools return for each
 * malicious scenario and its benign look-alike, in the tools' real output shapes. Where a fact could go either way
 * in the generator (the hour or weekday of a run, whether the intel feeds call an address malicious or only
 * suspicious), the case takes the side least favourable to the expected verdict.
 */
export interface ScenarioCase {
  name: string;
  runbook: string;
  expected: Disposition;
  alert: Alert;
  evidence: Evidence[];
}

const pack = loadRulePack('rules', 'default');

export function ruleMeta(file: string): AlertRule {
  const rule = pack.rules.find((candidate) => candidate.file.endsWith(`${file}.yml`));
  if (!rule) throw new Error(`no rule ${file} in rules/`);
  return rule.meta;
}

export const ruleFiles = (): string[] => pack.rules.map((rule) => rule.file);

function alertFor(rule: string, overrides: Partial<Alert>): Alert {
  return makeAlert({ rule: ruleMeta(rule), ...overrides });
}

const WEDNESDAY = '2026-11-18';
const SATURDAY = '2026-11-21';
const at = (time: string, day = WEDNESDAY): string => `${day}T${time}.000Z`;
const entities = (overrides: Partial<Alert['entities']>): Alert['entities'] => ({ users: [], hosts: [], sourceIps: [], destinationIps: [], cloudPrincipals: [], ...overrides });

const TOR = '185.220.101.47';
const DROP = '45.155.205.233';
const OFFICE = '198.51.100.10';
const OFFICE_SUBNET = { cidr: `${OFFICE}/32`, name: 'office egress' };
const ACCOUNT = '123456789012';
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

export function sshBruteForce(): ScenarioCase {
  const alert = alertFor('credential_access_ssh_brute_force', {
    entities: entities({ users: ['root', 'admin', 'oracle', 'test', 'ubuntu', 'postgres', 'git', 'pi', 'user', 'ftp'], hosts: ['bastion-01'], sourceIps: [TOR] }),
    firstSeen: at('03:10:00'),
    lastSeen: at('03:18:00'),
    sampleEventIds: ['sshfail0001', 'sshfail0002'],
  });
  return {
    name: 'ssh brute force from a Tor exit',
    runbook: 'brute-force',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: TOR, internal: false, suspicious: ['tor-exit-nodes'] })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'root')),
      makeEvidence('failures', 'search_events', searchResult({ total: 140, distinct: { users: 12 }, events: rows('sshfail', 5, { action: 'ssh_login', outcome: 'failure', user: 'root', host: 'bastion-01', sourceIp: TOR, summary: 'ssh_login failure root' }) })),
      makeEvidence('successes', 'search_events', searchResult({ total: 0 })),
    ],
  };
}

function mistypedPasswordOn(day: string, name: string): ScenarioCase {
  const alert = alertFor('credential_access_windows_brute_force', {
    entities: entities({ users: ['alice.smith'], hosts: ['DC01'], sourceIps: ['10.10.0.5'] }),
    firstSeen: at('09:12:00', day),
    lastSeen: at('09:13:00', day),
    sampleEventIds: ['winfail0001'],
  });
  return {
    name,
    runbook: 'brute-force',
    expected: 'benign',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.5', internal: true, host: { name: 'WS-FIN-003', owner: 'alice.smith', role: 'workstation', criticality: 'low' } })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'alice.smith', person('alice.smith'))),
      makeEvidence('failures', 'search_events', searchResult({ total: 7, distinct: { users: 1 }, events: rows('winfail', 7, { action: 'logon-failed', outcome: 'failure', user: 'alice.smith', host: 'DC01', sourceIp: '10.10.0.5', summary: 'logon failed' }) })),
      makeEvidence('successes', 'search_events', searchResult({ total: 2, distinct: { users: 1 }, events: rows('winok', 1, { action: 'logged-in', outcome: 'success', user: 'alice.smith', host: 'DC01', sourceIp: '10.10.0.5', summary: 'logged in' }) })),
    ],
  };
}

export const mistypedPassword = (): ScenarioCase => mistypedPasswordOn(WEDNESDAY, 'mistyped password on the own workstation');
export const mistypedPasswordOnSaturday = (): ScenarioCase => mistypedPasswordOn(SATURDAY, 'mistyped password on the own workstation, on a Saturday');

export function passwordSpray(): ScenarioCase {
  // The sprayed accounts may include the workstation's own owner: the first account named must not excuse the spray.
  const alert = alertFor('credential_access_password_spray', {
    entities: entities({ users: ['frank.miller', 'carol.jones', 'dave.lee', 'erin.king'], hosts: ['DC01'], sourceIps: ['10.10.0.44'] }),
    firstSeen: at('10:05:00'),
    lastSeen: at('10:08:00'),
    sampleEventIds: ['spray0001'],
  });
  return {
    name: 'password spray from a sales workstation, its owner among the accounts',
    runbook: 'brute-force',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.44', internal: true, host: { name: 'WS-SAL-010', owner: 'frank.miller', role: 'workstation', criticality: 'low' } })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'frank.miller', person('frank.miller', { department: 'Sales' }))),
      makeEvidence('failures', 'search_events', searchResult({ total: 30, distinct: { users: 30 }, events: rows('spray', 2, { action: 'logon-failed', outcome: 'failure', host: 'DC01', sourceIp: '10.10.0.44', summary: 'logon failed' }) })),
      // Baseline logons from the same workstation show up as successes; the spray still must read as malicious.
      makeEvidence('successes', 'search_events', searchResult({ total: 3, distinct: { users: 1 }, events: rows('wsok', 1, { action: 'logged-in', outcome: 'success', user: 'frank.miller', host: 'FS01', sourceIp: '10.10.0.44', summary: 'logged in' }) })),
    ],
  };
}

export function backupFanOut(): ScenarioCase {
  const targets = ['DC01', 'DC02', 'FS01', 'SQL01', 'APP01'];
  const alert = alertFor('lateral_movement_logon_fan_out', {
    entities: entities({ users: ['svc-backup'], hosts: targets, sourceIps: ['10.20.0.50'] }),
    firstSeen: at('02:05:00'),
    lastSeen: at('02:12:00'),
    sampleEventIds: ['bkp0001'],
  });
  return {
    name: 'backup account fanning out in its window from BKP01',
    runbook: 'lateral-movement',
    expected: 'benign',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'svc-backup', serviceAccount('svc-backup', { start: 2, end: 4, sourceHost: 'BKP01', targets }))),
      makeEvidence('account_logons', 'search_events', searchResult({ total: 5, distinct: { hosts: 5 }, topSourceIps: ['10.20.0.50'], events: rows('bkp', 2, { action: 'logged-in', outcome: 'success', user: 'svc-backup', host: 'DC01', sourceIp: '10.20.0.50', summary: 'logged in' }) })),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.20.0.50', internal: true, host: { name: 'BKP01', owner: 'it.admin', role: 'backup', criticality: 'high' } })),
      makeEvidence('source_host', 'get_entity_context', entityContext('host', 'BKP01', host({ name: 'BKP01', ip: '10.20.0.50', role: 'backup', owner: 'it.admin', criticality: 'high', ownerIsAdmin: true }))),
      makeEvidence('user_activity', 'search_events', searchResult({ total: 8, distinct: { hosts: 8 } })),
    ],
  };
}

export function psexec(): ScenarioCase {
  const alert = alertFor('lateral_movement_psexec_service_install', {
    entities: entities({ users: ['erin.davis'], hosts: ['SQL01', 'FS01', 'APP01', 'DC02'] }),
    firstSeen: at('14:00:02'),
    lastSeen: at('14:04:32'),
    sampleEventIds: ['psx0001', 'psx0002'],
  });
  return {
    name: 'psexec with an admin account from a sales workstation, in hours',
    runbook: 'lateral-movement',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('account_logons', 'search_events', searchResult({ total: 4, distinct: { hosts: 4 }, topSourceIps: ['10.10.0.40'], events: rows('psxlogon', 2, { action: 'logged-in', outcome: 'success', user: 'erin.davis', host: 'SQL01', sourceIp: '10.10.0.40', summary: 'logged in' }) })),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.40', internal: true, host: { name: 'WS-SAL-004', owner: 'bob.jones', role: 'workstation', criticality: 'low' } })),
      makeEvidence('source_host', 'get_entity_context', entityContext('host', 'WS-SAL-004', host({ name: 'WS-SAL-004', ip: '10.10.0.40', role: 'workstation', owner: 'bob.jones', criticality: 'low', ownerDepartment: 'Sales', ownerIsAdmin: false }))),
      makeEvidence('user_activity', 'search_events', searchResult({ total: 20, distinct: { hosts: 4 } })),
    ],
  };
}

export function approvedTransfer(): ScenarioCase {
  const alert = alertFor('exfiltration_large_outbound_transfer', {
    entities: entities({ hosts: ['BKP01'], sourceIps: ['10.20.0.50'], destinationIps: ['203.0.113.10'] }),
    firstSeen: at('02:31:00'),
    lastSeen: at('03:04:00'),
    sampleEventIds: ['flow0001'],
  });
  return {
    name: 'nightly backup to the approved provider',
    runbook: 'data-exfiltration',
    expected: 'benign',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('destination', 'enrich_ip', enrichment({ ip: '203.0.113.10', internal: false, knownService: { name: 'Vaultline Backup', cidr: '203.0.113.0/24', purpose: 'offsite backup provider', approvedForBulkTransfer: true } })),
      // The first night of data: nobody contacted the provider before; the verdict must not hinge on history.
      makeEvidence('destination_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'BKP01', host({ name: 'BKP01', ip: '10.20.0.50', role: 'backup', owner: 'it.admin', criticality: 'high' }))),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: '10.20.0.50', internal: true, host: { name: 'BKP01', owner: 'it.admin', role: 'backup', criticality: 'high' } })),
    ],
  };
}

export function outboundExfiltration(): ScenarioCase {
  const alert = alertFor('exfiltration_large_outbound_transfer', {
    entities: entities({ hosts: ['WS-FIN-007'], sourceIps: ['10.10.0.77'], destinationIps: ['147.12.33.9'] }),
    firstSeen: at('13:01:00'),
    lastSeen: at('13:31:00'),
    sampleEventIds: ['exf0001'],
  });
  return {
    name: 'workstation uploading 2.6 GB to a never-seen address, in hours',
    runbook: 'data-exfiltration',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('destination', 'enrich_ip', enrichment({ ip: '147.12.33.9', internal: false })),
      makeEvidence('destination_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'WS-FIN-007', host({ name: 'WS-FIN-007', ip: '10.10.0.77', role: 'workstation', owner: 'gita.novak', criticality: 'low', ownerHours: { start: 8, end: 17, weekdaysOnly: true } }))),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: '10.10.0.77', internal: true, host: { name: 'WS-FIN-007', owner: 'gita.novak', role: 'workstation', criticality: 'low' } })),
    ],
  };
}

function s3Case(name: string, expected: Disposition, principal: { name: string; kind: 'user' | 'role'; reads: { bucket: string; sensitivity: string }[] }, caller: { ip: string; malicious?: string[]; host?: { name: string; owner: string; role: 'build'; criticality: 'medium' } }, history: { address: number; bucket: number }): ScenarioCase {
  const arn = `arn:aws:iam::${ACCOUNT}:${principal.kind}/${principal.name}`;
  const bucket = 'northwind-finance-reports';
  const alert = alertFor('exfiltration_s3_object_burst', {
    entities: entities({ users: [principal.name], sourceIps: [caller.ip], cloudPrincipals: [arn] }),
    firstSeen: at('11:00:00'),
    lastSeen: at('11:08:00'),
    sampleEventIds: ['s3get0001'],
  });
  const download: Omit<SampleRow, 'id' | 'timestamp'> = { dataStream: 'aws.cloudtrail', action: 'GetObject', outcome: 'success', user: principal.name, sourceIp: caller.ip, bucket, summary: `GetObject on ${bucket} by ${principal.name}` };
  return {
    name,
    runbook: 'data-exfiltration',
    expected,
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('downloads', 'search_events', searchResult({ total: 400, distinct: { sourceIps: 1 }, topSourceIps: [caller.ip], events: rows('s3get', 1, download) })),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: caller.ip, internal: caller.host !== undefined, ...(caller.host ? { host: caller.host } : {}), ...(caller.malicious ? { malicious: caller.malicious } : {}) })),
      makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, cloudPrincipal({ name: principal.name, kind: principal.kind, arn, policies: ['AmazonS3ReadOnlyAccess'], reads: principal.reads }))),
      makeEvidence('caller_history', 'search_events', searchResult({ total: history.address })),
      makeEvidence('bucket_history', 'search_events', searchResult({ total: history.bucket })),
    ],
  };
}

export const s3Exfiltration = (): ScenarioCase =>
  s3Case('S3 burst with stolen keys from a listed address', 'malicious', { name: 'hugo.kim', kind: 'user', reads: [] }, { ip: DROP, malicious: ['drop-netblocks'] }, { address: 0, bucket: 0 });
export const pipelineRead = (): ScenarioCase =>
  s3Case('the finance pipeline role reading its own bucket from its usual address', 'benign', { name: 'DataPipelineRole', kind: 'role', reads: [{ bucket: 'northwind-finance-reports', sensitivity: 'confidential' }] }, { ip: '10.30.0.20', host: { name: 'ci-01', owner: 'it.admin', role: 'build', criticality: 'medium' } }, { address: 120, bucket: 120 });

function iamCase(name: string, expected: Disposition, options: { sourceIp: string; day: string; intel?: { suspicious?: string[] }; office?: boolean; history: number; policy: string; grantee: string; granteeKnown: boolean }): ScenarioCase {
  const arn = `arn:aws:iam::${ACCOUNT}:user/erin.davis`;
  const alert = alertFor('privilege_escalation_iam_user_with_keys', {
    entities: entities({ users: ['erin.davis'], sourceIps: [options.sourceIp], cloudPrincipals: [arn] }),
    firstSeen: at('10:30:00', options.day),
    lastSeen: at('10:30:48', options.day),
    sampleEventIds: ['iam0001', 'iam0002', 'iam0003'],
  });
  const call = { dataStream: 'aws.cloudtrail' as const, outcome: 'success', user: 'erin.davis', sourceIp: options.sourceIp, targetUser: options.grantee };
  const samples: SampleRow[] = [
    { ...call, id: 'iam0001', timestamp: at('10:30:00', options.day), action: 'CreateUser', summary: `CreateUser on ${options.grantee}` },
    { ...call, id: 'iam0002', timestamp: at('10:30:25', options.day), action: 'AttachUserPolicy', policy: options.policy, summary: `AttachUserPolicy on ${options.grantee} (${options.policy})` },
    { ...call, id: 'iam0003', timestamp: at('10:30:48', options.day), action: 'CreateAccessKey', summary: `CreateAccessKey on ${options.grantee}` },
  ];
  return {
    name,
    runbook: 'privilege-escalation',
    expected,
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert, samples)),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: options.sourceIp, internal: options.office === true, ...(options.office ? { subnet: OFFICE_SUBNET } : {}), ...options.intel })),
      makeEvidence('grantee_context', 'get_entity_context', options.granteeKnown ? entityContext('user', options.grantee, person(options.grantee, { department: 'Marketing' })) : entityContext('user', options.grantee)),
      makeEvidence('address_history', 'search_events', searchResult({ total: options.history })),
    ],
  };
}

export const iamOnboarding = (): ScenarioCase =>
  iamCase('IAM onboarding with ReadOnlyAccess from the office, in hours', 'benign', { sourceIp: OFFICE, day: WEDNESDAY, office: true, history: 180, policy: READ_ONLY_POLICY, grantee: 'nora.cook', granteeKnown: true });
export const iamOnboardingOnSaturday = (): ScenarioCase =>
  iamCase('IAM onboarding from the office on a Saturday, the office address unused that week', 'benign', { sourceIp: OFFICE, day: SATURDAY, office: true, history: 0, policy: READ_ONLY_POLICY, grantee: 'nora.cook', granteeKnown: true });
export const iamEscalation = (): ScenarioCase =>
  iamCase('IAM admin user with keys from a Tor exit, in hours', 'malicious', { sourceIp: TOR, day: WEDNESDAY, intel: { suspicious: ['tor-exit-nodes'] }, history: 0, policy: ADMIN_POLICY, grantee: 'svc-backup-admin', granteeKnown: false });

function adminGroupCase(name: string, expected: Disposition, time: string, source: { ip: string; name: string; owner: string }, target: { name: string; criticality: 'medium' | 'critical' }, grantee: { name: string; known: boolean }): ScenarioCase {
  const alert = alertFor('privilege_escalation_windows_admin_group_add', {
    entities: entities({ users: ['erin.davis'], hosts: [target.name] }),
    firstSeen: time,
    lastSeen: time,
    sampleEventIds: ['grp0001'],
  });
  const change: SampleRow = { id: 'grp0001', timestamp: time, action: 'added-member-to-group', outcome: 'success', code: '4732', user: 'erin.davis', host: target.name, targetUser: grantee.name, summary: `erin.davis added-member-to-group in Administrators` };
  return {
    name,
    runbook: 'privilege-escalation',
    expected,
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert, [change])),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('actor_logons', 'search_events', searchResult({ total: 1, distinct: { hosts: 1 }, topSourceIps: [source.ip], events: rows('grplogon', 1, { action: 'logged-in', outcome: 'success', user: 'erin.davis', host: target.name, sourceIp: source.ip, summary: 'logged in' }) })),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: source.ip, internal: true, host: { name: source.name, owner: source.owner, role: 'workstation', criticality: 'low' } })),
      makeEvidence('target_context', 'get_entity_context', entityContext('host', target.name, host({ name: target.name, ip: '10.20.0.30', role: 'database', owner: 'it.admin', criticality: target.criticality }))),
      makeEvidence('grantee_context', 'get_entity_context', grantee.known ? entityContext('user', grantee.name, person(grantee.name, { department: 'IT' })) : entityContext('user', grantee.name)),
      makeEvidence('refused_sudo', 'search_events', searchResult({ total: 0 })),
    ],
  };
}

export const adminGroupAdd = (): ScenarioCase =>
  adminGroupCase(
    'admin added a backdoor to Administrators at night from a foreign workstation',
    'malicious',
    at('23:10:00'),
    { ip: '10.10.0.40', name: 'WS-SAL-004', owner: 'bob.jones' },
    { name: 'SQL01', criticality: 'critical' },
    { name: 'helpdesk_tmp', known: false },
  );
export const adminMaintenance = (): ScenarioCase =>
  adminGroupCase("admin's in-hours change from their own workstation", 'benign', at('10:15:00'), { ip: '10.10.0.2', name: 'WS-IT-001', owner: 'erin.davis' }, { name: 'APP02', criticality: 'medium' }, { name: 'ivan.novak', known: true });
export const adminMaintenanceOnSaturday = (): ScenarioCase =>
  adminGroupCase("admin's change from their own workstation on a Saturday", 'benign', at('10:15:00', SATURDAY), { ip: '10.10.0.2', name: 'WS-IT-001', owner: 'erin.davis' }, { name: 'APP02', criticality: 'medium' }, { name: 'ivan.novak', known: true });

export function lsassDump(): ScenarioCase {
  const alert = alertFor('credential_access_lsass_memory_access', {
    entities: entities({ users: ['alice.smith'], hosts: ['WS-FIN-003'] }),
    firstSeen: at('11:20:20'),
    lastSeen: at('11:20:20'),
    sampleEventIds: ['lsass0001'],
  });
  return {
    name: 'lsass dumped through comsvcs in a non-admin session, in hours',
    runbook: 'credential-access',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'alice.smith', person('alice.smith'))),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'WS-FIN-003', host({ name: 'WS-FIN-003', ip: '10.10.0.5', role: 'workstation', owner: 'alice.smith', criticality: 'low' }))),
      makeEvidence('host_activity', 'search_events', searchResult({ total: 4, events: rows('lsass', 4, { dataStream: 'windows.sysmon_operational', action: 'Process Create', host: 'WS-FIN-003', user: 'alice.smith', summary: 'rundll32.exe comsvcs.dll MiniDump' }) })),
    ],
  };
}

export function sudoAbuse(): ScenarioCase {
  const alert = alertFor('privilege_escalation_sudo_shell_escape', {
    entities: entities({ users: ['jonas.reed'], hosts: ['web-01'] }),
    firstSeen: at('15:01:00'),
    lastSeen: at('15:01:00'),
    sampleEventIds: ['sudo0003'],
  });
  return {
    name: 'non-admin escapes to root through sudo find, in hours',
    runbook: 'privilege-escalation',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert, rows('sudo', 1, { dataStream: 'system.auth', action: 'sudo', outcome: 'success', user: 'jonas.reed', host: 'web-01', summary: 'sudo find -exec' }))),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'jonas.reed', person('jonas.reed', { department: 'Engineering' }))),
      makeEvidence('actor_logons', 'search_events', searchResult({ total: 0 })),
      makeEvidence('target_context', 'get_entity_context', entityContext('host', 'web-01', host({ name: 'web-01', ip: '10.30.0.40', os: 'linux', role: 'web', owner: 'it.admin', criticality: 'medium' }))),
      makeEvidence('refused_sudo', 'search_events', searchResult({ total: 2, events: rows('sudofail', 2, { dataStream: 'system.auth', action: 'sudo', outcome: 'failure', user: 'jonas.reed', host: 'web-01', summary: 'sudo refused' }) })),
    ],
  };
}

export function cloudTrailDisabled(): ScenarioCase {
  const arn = `arn:aws:iam::${ACCOUNT}:user/erin.davis`;
  const alert = alertFor('defense_evasion_cloudtrail_disabled', {
    entities: entities({ users: ['erin.davis'], sourceIps: [TOR], cloudPrincipals: [arn] }),
    firstSeen: at('10:00:00'),
    lastSeen: at('10:00:40'),
    sampleEventIds: ['ct0001', 'ct0002'],
  });
  return {
    name: 'trail stopped and deleted from a Tor exit, by an admin in hours',
    runbook: 'defense-evasion',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert_detail', 'get_alert', alertOutput(alert)),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: TOR, internal: false, suspicious: ['tor-exit-nodes'] })),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('address_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('trail_deleted', 'search_events', searchResult({ total: 1, events: rows('ct', 1, { dataStream: 'aws.cloudtrail', action: 'DeleteTrail', outcome: 'success', user: 'erin.davis', sourceIp: TOR, summary: 'DeleteTrail' }) })),
    ],
  };
}

/** Every case, malicious ones with their benign look-alikes. */
export const SCENARIO_CASES: readonly (() => ScenarioCase)[] = [
  sshBruteForce,
  mistypedPassword,
  mistypedPasswordOnSaturday,
  passwordSpray,
  psexec,
  backupFanOut,
  outboundExfiltration,
  s3Exfiltration,
  pipelineRead,
  approvedTransfer,
  iamEscalation,
  iamOnboarding,
  iamOnboardingOnSaturday,
  adminGroupAdd,
  adminMaintenance,
  adminMaintenanceOnSaturday,
  lsassDump,
  sudoAbuse,
  cloudTrailDisabled,
];
