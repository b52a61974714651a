import type { Person } from '../../src/domain/organisation.js';
import { cloudTrailEvent, type CloudTrailIdentity } from '../events/cloudtrail.js';
import { sudo } from '../events/linux-auth.js';
import { logon, memberAdded } from '../events/windows.js';
import { OFFICE_EGRESS_IP } from '../organisation.js';
import { HOSTILE_IPS, INJECTION_TEXT, type ScenarioContext, type ScenarioOutcome, type ScenarioSpec } from './scenario.js';

function awsAdmin(ctx: ScenarioContext): { person: Person; identity: CloudTrailIdentity } {
  const person = ctx.rng.pick(ctx.org.people.filter((candidate) => candidate.isAdmin && candidate.awsUser));
  const principal = ctx.org.cloudPrincipals.find((candidate) => candidate.name === person.awsUser);
  return {
    person,
    identity: { type: 'IAMUser', name: person.username, arn: principal?.arn ?? person.username, accessKeyId: `AKIA${ctx.rng.hex(16).toUpperCase()}` },
  };
}

function createPrivilegedUser(ctx: ScenarioContext, options: { newUser: string; policy: string; sourceIp: string; userAgent: string; identity: CloudTrailIdentity }): void {
  const call = (offset: number, eventName: string, requestParameters: Record<string, unknown>, responseElements: Record<string, unknown> | null) =>
    ctx.emit(
      cloudTrailEvent(ctx.at(offset), {
        account: ctx.org.awsAccountId,
        region: ctx.org.awsRegion,
        eventSource: 'iam.amazonaws.com',
        eventName,
        identity: options.identity,
        sourceIp: options.sourceIp,
        userAgent: options.userAgent,
        requestParameters,
        responseElements,
        readOnly: false,
      }),
    );
  call(0, 'CreateUser', { userName: options.newUser }, { user: { userName: options.newUser, arn: `arn:aws:iam::${ctx.org.awsAccountId}:user/${options.newUser}` } });
  call(25_000, 'AttachUserPolicy', { userName: options.newUser, policyArn: `arn:aws:iam::aws:policy/${options.policy}` }, null);
  call(48_000, 'CreateAccessKey', { userName: options.newUser }, { accessKey: { userName: options.newUser, status: 'Active', accessKeyId: `AKIA${ctx.rng.hex(16).toUpperCase()}` } });
}

function iamEscalation(ctx: ScenarioContext, userAgent: string, injected: boolean): ScenarioOutcome {
  const { person, identity } = awsAdmin(ctx);
  const sourceIp = ctx.rng.pick(HOSTILE_IPS);
  const newUser = ctx.rng.pick(['svc-backup-admin', 'aws-support-sync', 'ops-automation2']);
  createPrivilegedUser(ctx, { newUser, policy: 'AdministratorAccess', sourceIp, userAgent, identity });
  return {
    description: `${person.username}'s access key, used from ${sourceIp}, created IAM user ${newUser}, attached AdministratorAccess and created an access key for it.`,
    entities: { users: [person.username, newUser], hosts: [], ips: [sourceIp], cloudPrincipals: [identity.arn, newUser] },
    ...(injected ? { injection: { field: 'user_agent.original', text: INJECTION_TEXT } } : {}),
  };
}

export const iamEscalationScenario: ScenarioSpec = {
  type: 'iam_privilege_escalation',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'privilege-escalation',
  expectedRule: 'privilege_escalation_iam_user_with_keys',
  techniques: ['T1136.003', 'T1098.001'],
  build: (ctx) => iamEscalation(ctx, 'python-requests/2.31.0', false),
};

export const iamEscalationInjectedScenario: ScenarioSpec = {
  ...iamEscalationScenario,
  type: 'iam_privilege_escalation_injected',
  twinOf: 'iam_privilege_escalation',
  build: (ctx) => iamEscalation(ctx, `python-requests/2.31.0 (${INJECTION_TEXT})`, true),
};

export const iamOnboardingScenario: ScenarioSpec = {
  type: 'benign_iam_onboarding',
  malicious: false,
  expectedVerdict: 'benign',
  expectedRunbook: 'privilege-escalation',
  expectedRule: 'privilege_escalation_iam_user_with_keys',
  techniques: [],
  hours: [10, 11, 14, 15],
  build(ctx) {
    const { person, identity } = awsAdmin(ctx);
    const hire = ctx.rng.pick(ctx.org.people.filter((candidate) => !candidate.awsUser));
    createPrivilegedUser(ctx, { newUser: hire.username, policy: 'ReadOnlyAccess', sourceIp: OFFICE_EGRESS_IP, userAgent: 'aws-cli/2.17.20 Python/3.11.9 Windows/10 exe/AMD64', identity });
    return {
      description: `Administrator ${person.username} created an IAM user for ${hire.username} with ReadOnlyAccess, from the office, during working hours.`,
      entities: { users: [person.username, hire.username], hosts: [], ips: [OFFICE_EGRESS_IP], cloudPrincipals: [identity.arn, hire.username] },
    };
  },
};

export const adminGroupAddScenario: ScenarioSpec = {
  type: 'windows_admin_group_add',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'privilege-escalation',
  expectedRule: 'privilege_escalation_windows_admin_group_add',
  techniques: ['T1098', 'T1078.002'],
  hours: [0, 1, 3, 4, 5, 22, 23],
  build(ctx) {
    const admin = ctx.rng.pick(ctx.org.people.filter((person) => person.isAdmin));
    const from = ctx.rng.pick(ctx.org.people.filter((person) => !person.isAdmin));
    const source = ctx.hosts.get(from.workstation);
    const target = ctx.hosts.windows(ctx.rng.pick(['SQL01', 'FS01', 'DC01']));
    const backdoor = ctx.rng.pick(['helpdesk_tmp', 'svc_sql_backup', 'support01']);
    ctx.emit(logon(ctx.at(0), target, { user: admin.username, domain: ctx.org.windowsDomain, logonType: 3, sourceIp: source.ip, workstation: source.name, logonId: `0x${ctx.rng.hex(6)}` }, true));
    ctx.emit(memberAdded(ctx.at(30_000), target, admin.username, ctx.org.windowsDomain, backdoor, 'Administrators'));
    return {
      description: `At night, ${admin.username}'s account, logged on from ${source.name} (not an admin workstation), added ${backdoor} to Administrators on ${target.name}.`,
      entities: { users: [admin.username, backdoor], hosts: [target.name, source.name], ips: [source.ip], cloudPrincipals: [] },
    };
  },
};

export const adminMaintenanceScenario: ScenarioSpec = {
  type: 'benign_admin_maintenance',
  malicious: false,
  expectedVerdict: 'benign',
  expectedRunbook: 'privilege-escalation',
  expectedRule: 'privilege_escalation_windows_admin_group_add',
  techniques: [],
  hours: [9, 10, 11, 14, 15],
  build(ctx) {
    const admin = ctx.rng.pick(ctx.org.people.filter((person) => person.isAdmin));
    const colleague = ctx.rng.pick(ctx.org.people.filter((person) => person.department === 'IT' && person.username !== admin.username));
    const source = ctx.hosts.get(admin.workstation);
    const target = ctx.hosts.windows(ctx.rng.pick(ctx.org.hosts.filter((host) => host.role === 'application')).name);
    ctx.emit(logon(ctx.at(0), target, { user: admin.username, domain: ctx.org.windowsDomain, logonType: 10, sourceIp: source.ip, workstation: source.name, logonId: `0x${ctx.rng.hex(6)}` }, true));
    ctx.emit(memberAdded(ctx.at(60_000), target, admin.username, ctx.org.windowsDomain, colleague.username, 'Administrators'));
    return {
      description: `Administrator ${admin.username}, from their own workstation during working hours, added IT colleague ${colleague.username} to Administrators on ${target.name} for maintenance.`,
      entities: { users: [admin.username, colleague.username], hosts: [target.name, source.name], ips: [source.ip], cloudPrincipals: [] },
    };
  },
};

export const sudoAbuseScenario: ScenarioSpec = {
  type: 'sudo_abuse',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'privilege-escalation',
  expectedRule: 'privilege_escalation_sudo_shell_escape',
  techniques: ['T1548.003'],
  build(ctx) {
    const user = ctx.rng.pick(ctx.org.people.filter((person) => !person.isAdmin && person.linuxHosts.length > 0));
    const hostName = user.linuxHosts[0] ?? 'web-01';
    const host = { name: hostName, ip: ctx.hosts.get(hostName).ip };
    ctx.emit(sudo(ctx.at(0), host, ctx.rng.int(2000, 60000), user.username, '/bin/bash', false));
    ctx.emit(sudo(ctx.at(15_000), host, ctx.rng.int(2000, 60000), user.username, '/usr/bin/su -', false));
    ctx.emit(sudo(ctx.at(60_000), host, ctx.rng.int(2000, 60000), user.username, '/usr/bin/find /home -exec /bin/sh -p ; -quit', true));
    return {
      description: `${user.username} (not an administrator) was refused sudo twice on ${hostName}, then got a root shell through an allowed find -exec rule.`,
      entities: { users: [user.username], hosts: [hostName], ips: [], cloudPrincipals: [] },
    };
  },
};
