import type { Alert, AlertRule } from '../../../../src/domain/alert.js';
import type { Evidence } from '../../../../src/domain/evidence.js';
import type { Disposition } from '../../../../src/domain/verdict.js';
import { loadRulePack } from '../../../../src/producer/load-rules.js';
import { makeAlert } from '../../../support/alert-builder.js';
import { alertOutput, enrichment, entityContext, makeEvidence, person, rows, searchResult } from './evidence-builders.js';

/**
 * Hand-made evidence for the generated scenarios (generators/scenarios/*.ts): what the tools would return for
 * each malicious scenario and its benign look-alike. Where a fact could go either way in the generator (the hour
 * of a psexec run, whether the intel feed calls an address malicious or only suspicious), the case takes the side
 * least favourable to the expected verdict.
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
const at = (time: string): string => `${WEDNESDAY}T${time}.000Z`;
const entities = (overrides: Partial<Alert['entities']>): Alert['entities'] => ({ users: [], hosts: [], sourceIps: [], destinationIps: [], cloudPrincipals: [], ...overrides });

const TOR = '185.220.101.47';
const DROP = '45.155.205.233';
const OFFICE = '198.51.100.10';

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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: TOR, internal: false, suspicious: ['tor-exit-nodes'] })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'root')),
      makeEvidence('failures', 'search_events', searchResult({ total: 140, distinct: { users: 12 }, events: rows('sshfail', 5, { action: 'ssh_login', outcome: 'failure', user: 'root', host: 'bastion-01', sourceIp: TOR, summary: 'ssh_login failure root' }) }), ['sshfail0000', 'sshfail0001']),
      makeEvidence('successes', 'search_events', searchResult({ total: 0 })),
    ],
  };
}

export function mistypedPassword(): ScenarioCase {
  const alert = alertFor('credential_access_windows_brute_force', {
    entities: entities({ users: ['alice.smith'], hosts: ['DC01'], sourceIps: ['10.10.0.5'] }),
    firstSeen: at('09:12:00'),
    lastSeen: at('09:13:00'),
    sampleEventIds: ['winfail0001'],
  });
  return {
    name: 'mistyped password on the own workstation',
    runbook: 'brute-force',
    expected: 'benign',
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.5', internal: true, host: { name: 'WS-FIN-003', owner: 'alice.smith', role: 'workstation', criticality: 'low' } })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'alice.smith', person('alice.smith'))),
      makeEvidence('failures', 'search_events', searchResult({ total: 7, distinct: { users: 1 }, events: rows('winfail', 7, { action: 'logon-failed', outcome: 'failure', user: 'alice.smith', host: 'DC01', sourceIp: '10.10.0.5', summary: 'logon failed' }) }), ['winfail0000', 'winfail0001']),
      makeEvidence('successes', 'search_events', searchResult({ total: 2, distinct: { users: 1 } }), ['winok0001']),
    ],
  };
}

export function passwordSpray(): ScenarioCase {
  const alert = alertFor('credential_access_password_spray', {
    entities: entities({ users: ['carol.jones', 'dave.lee', 'erin.king'], hosts: ['DC01'], sourceIps: ['10.10.0.44'] }),
    firstSeen: at('10:05:00'),
    lastSeen: at('10:08:00'),
    sampleEventIds: ['spray0001'],
  });
  return {
    name: 'password spray from a sales workstation',
    runbook: 'brute-force',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.44', internal: true, host: { name: 'WS-SAL-010', owner: 'frank.miller', role: 'workstation', criticality: 'low' } })),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'carol.jones', person('carol.jones'))),
      makeEvidence('failures', 'search_events', searchResult({ total: 30, distinct: { users: 30 } }), ['spray0000', 'spray0001']),
      // Baseline logons from the same workstation can show up as successes; the spray still must read as malicious.
      makeEvidence('successes', 'search_events', searchResult({ total: 3, distinct: { users: 1 } }), ['wsok0001']),
    ],
  };
}

export function backupFanOut(): ScenarioCase {
  const alert = alertFor('lateral_movement_logon_fan_out', {
    entities: entities({ users: ['svc-backup'], hosts: ['DC01', 'DC02', 'FS01', 'SQL01', 'APP01'], sourceIps: ['10.20.0.50'] }),
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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence(
        'user_context',
        'get_entity_context',
        entityContext('user', 'svc-backup', { kind: 'service_account', username: 'svc-backup', purpose: 'nightly backup', owner: 'it.admin', hours: { start: 2, end: 4, weekdaysOnly: false }, targets: ['DC01', 'DC02', 'FS01', 'SQL01', 'APP01'], sourceHost: 'BKP01' }),
      ),
      makeEvidence('target_logons', 'search_events', searchResult({ total: 1, distinct: { hosts: 1 }, topSourceIps: ['10.20.0.50'] }), ['bkp0000']),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.20.0.50', internal: true, host: { name: 'BKP01', owner: 'it', role: 'backup', criticality: 'high' } })),
      makeEvidence('user_activity', 'search_events', searchResult({ total: 8, distinct: { hosts: 8 } }), ['bkp0001', 'bkp0002']),
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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('target_logons', 'search_events', searchResult({ total: 1, distinct: { hosts: 1 }, topSourceIps: ['10.10.0.40'] }), ['psxlogon01']),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: '10.10.0.40', internal: true, host: { name: 'WS-SAL-004', owner: 'bob.jones', role: 'workstation', criticality: 'low' } })),
      makeEvidence('user_activity', 'search_events', searchResult({ total: 20, distinct: { hosts: 4 } }), ['psx0001']),
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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('destination', 'enrich_ip', enrichment({ ip: '203.0.113.10', internal: false, knownService: { name: 'Vaultline Backup', cidr: '203.0.113.0/24', purpose: 'offsite backup provider', approvedForBulkTransfer: true } })),
      // The first night of data: nobody contacted the provider before; the verdict must not hinge on history.
      makeEvidence('destination_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'BKP01', { name: 'BKP01', ip: '10.20.0.50', os: 'windows', role: 'backup', owner: 'it', criticality: 'high' })),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: '10.20.0.50', internal: true, host: { name: 'BKP01', owner: 'it', role: 'backup', criticality: 'high' } })),
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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('destination', 'enrich_ip', enrichment({ ip: '147.12.33.9', internal: false })),
      makeEvidence('destination_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'WS-FIN-007', { name: 'WS-FIN-007', ip: '10.10.0.77', os: 'windows', role: 'workstation', owner: 'gita.novak', criticality: 'low', ownerHours: { start: 8, end: 17, weekdaysOnly: true } })),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: '10.10.0.77', internal: true, host: { name: 'WS-FIN-007', owner: 'gita.novak', role: 'workstation', criticality: 'low' } })),
    ],
  };
}

export function s3Exfiltration(): ScenarioCase {
  const arn = 'arn:aws:iam::123456789012:user/hugo.kim';
  const alert = alertFor('exfiltration_s3_object_burst', {
    entities: entities({ users: ['hugo.kim'], sourceIps: [DROP], cloudPrincipals: [arn] }),
    firstSeen: at('11:00:00'),
    lastSeen: at('11:08:00'),
    sampleEventIds: ['s3get0001'],
  });
  return {
    name: 'S3 burst with stolen keys from a listed address',
    runbook: 'data-exfiltration',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('caller', 'enrich_ip', enrichment({ ip: DROP, internal: false, malicious: ['drop-netblocks'] })),
      makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, { name: 'hugo.kim', kind: 'user', arn, owner: 'hugo.kim', policies: ['ReadOnlyAccess'], reads: [] })),
      makeEvidence('caller_history', 'search_events', searchResult({ total: 0 })),
    ],
  };
}

function iamCase(name: string, expected: Disposition, sourceIp: string, intel: { suspicious?: string[] }, history: number): ScenarioCase {
  const arn = 'arn:aws:iam::123456789012:user/erin.davis';
  const alert = alertFor('privilege_escalation_iam_user_with_keys', {
    entities: entities({ users: ['erin.davis'], sourceIps: [sourceIp], cloudPrincipals: [arn] }),
    firstSeen: at('10:30:00'),
    lastSeen: at('10:30:48'),
    sampleEventIds: ['iam0001', 'iam0002', 'iam0003'],
  });
  return {
    name,
    runbook: 'privilege-escalation',
    expected,
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: sourceIp, internal: false, ...intel })),
      makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, { name: 'erin.davis', kind: 'user', arn, owner: 'erin.davis', policies: ['AdministratorAccess'], reads: [] })),
      makeEvidence('address_history', 'search_events', searchResult({ total: history, distinct: { users: history > 0 ? 14 : 0 } }), history > 0 ? ['office0001'] : []),
    ],
  };
}

export const iamOnboarding = (): ScenarioCase => iamCase('IAM onboarding with ReadOnlyAccess from the office, in hours', 'benign', OFFICE, {}, 180);
export const iamEscalation = (): ScenarioCase => iamCase('IAM admin user with keys from a Tor exit, in hours', 'malicious', TOR, { suspicious: ['tor-exit-nodes'] }, 0);

function adminGroupCase(name: string, expected: Disposition, time: string, source: { ip: string; name: string; owner: string }, target: { name: string; criticality: string }): ScenarioCase {
  const alert = alertFor('privilege_escalation_windows_admin_group_add', {
    entities: entities({ users: ['erin.davis'], hosts: [target.name] }),
    firstSeen: at(time),
    lastSeen: at(time),
    sampleEventIds: ['grp0001'],
  });
  return {
    name,
    runbook: 'privilege-escalation',
    expected,
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('actor_logons', 'search_events', searchResult({ total: 1, distinct: { hosts: 1 }, topSourceIps: [source.ip] }), ['grplogon01']),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: source.ip, internal: true, host: { name: source.name, owner: source.owner, role: 'workstation', criticality: 'low' } })),
      makeEvidence('target_context', 'get_entity_context', entityContext('host', target.name, { name: target.name, ip: '10.20.0.30', os: 'windows', role: 'database', owner: 'it', criticality: target.criticality })),
      makeEvidence('refused_sudo', 'search_events', searchResult({ total: 0 })),
    ],
  };
}

export const adminGroupAdd = (): ScenarioCase =>
  adminGroupCase('admin added a backdoor to Administrators at night from a foreign workstation', 'malicious', '23:10:00', { ip: '10.10.0.40', name: 'WS-SAL-004', owner: 'bob.jones' }, { name: 'SQL01', criticality: 'critical' });
export const adminMaintenance = (): ScenarioCase =>
  adminGroupCase("admin's in-hours change from their own workstation", 'benign', '10:15:00', { ip: '10.10.0.2', name: 'WS-IT-001', owner: 'erin.davis' }, { name: 'APP02', criticality: 'medium' });

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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('user_context', 'get_entity_context', entityContext('user', 'alice.smith', person('alice.smith'))),
      makeEvidence('host_context', 'get_entity_context', entityContext('host', 'WS-FIN-003', { name: 'WS-FIN-003', ip: '10.10.0.5', os: 'windows', role: 'workstation', owner: 'alice.smith', criticality: 'low' })),
      makeEvidence('host_activity', 'search_events', searchResult({ total: 4, events: rows('lsass', 4, { action: 'process-created', host: 'WS-FIN-003', user: 'alice.smith', summary: 'rundll32.exe comsvcs.dll MiniDump' }) }), ['lsass0000', 'lsass0001']),
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
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'jonas.reed', person('jonas.reed'))),
      makeEvidence('actor_logons', 'search_events', searchResult({ total: 0 })),
      makeEvidence('target_context', 'get_entity_context', entityContext('host', 'web-01', { name: 'web-01', ip: '10.30.0.40', os: 'linux', role: 'web', owner: 'it', criticality: 'medium' })),
      makeEvidence('refused_sudo', 'search_events', searchResult({ total: 2 }), ['sudo0001', 'sudo0002']),
    ],
  };
}

export function cloudTrailDisabled(): ScenarioCase {
  const arn = 'arn:aws:iam::123456789012:user/erin.davis';
  const alert = alertFor('defense_evasion_cloudtrail_disabled', {
    entities: entities({ users: ['erin.davis'], sourceIps: [DROP], cloudPrincipals: [arn] }),
    firstSeen: at('10:00:00'),
    lastSeen: at('10:00:40'),
    sampleEventIds: ['ct0001', 'ct0002'],
  });
  return {
    name: 'trail stopped and deleted from a listed address, in hours',
    runbook: 'defense-evasion',
    expected: 'malicious',
    alert,
    evidence: [
      makeEvidence('alert', 'get_alert', alertOutput(alert), alert.sampleEventIds),
      makeEvidence('source_ip', 'enrich_ip', enrichment({ ip: DROP, internal: false, malicious: ['drop-netblocks'] })),
      makeEvidence('actor_context', 'get_entity_context', entityContext('user', 'erin.davis', person('erin.davis', { isAdmin: true, workstation: 'WS-IT-001' }))),
      makeEvidence('principal_context', 'get_entity_context', entityContext('cloud_principal', arn, { name: 'erin.davis', kind: 'user', arn, owner: 'erin.davis', policies: ['AdministratorAccess'], reads: [] })),
      makeEvidence('address_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('organisation_address_history', 'search_events', searchResult({ total: 0 })),
      makeEvidence('trail_deleted', 'search_events', searchResult({ total: 1 }), ['ct0002']),
    ],
  };
}

/** Every case, malicious ones with their benign look-alikes. */
export const SCENARIO_CASES: readonly (() => ScenarioCase)[] = [
  sshBruteForce,
  mistypedPassword,
  passwordSpray,
  psexec,
  backupFanOut,
  outboundExfiltration,
  s3Exfiltration,
  approvedTransfer,
  iamEscalation,
  iamOnboarding,
  adminGroupAdd,
  adminMaintenance,
  lsassDump,
  sudoAbuse,
  cloudTrailDisabled,
];
