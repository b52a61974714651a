import { logon, networkConnect, processCreate, serviceInstalled } from '../events/windows.js';
import { fileHashes } from '../baseline.js';
import type { ScenarioContext, ScenarioSpec } from './scenario.js';

function compromisedAdminOnForeignWorkstation(ctx: ScenarioContext) {
  const admin = ctx.rng.pick(ctx.org.people.filter((person) => person.isAdmin));
  const from = ctx.rng.pick(ctx.org.people.filter((person) => !person.isAdmin));
  return { admin, source: ctx.hosts.get(from.workstation), sourceOwner: from.username };
}

export const psexecScenario: ScenarioSpec = {
  type: 'lateral_movement_psexec',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'lateral-movement',
  expectedRule: 'lateral_movement_psexec_service_install',
  techniques: ['T1021.002', 'T1569.002'],
  build(ctx) {
    const { admin, source, sourceOwner } = compromisedAdminOnForeignWorkstation(ctx);
    const targets = ctx.rng.sample(ctx.org.hosts.filter((host) => host.os === 'windows' && host.role !== 'workstation'), 4);
    const user = `${ctx.org.windowsDomain}\\${admin.username}`;
    targets.forEach((target, i) => {
      const host = ctx.hosts.windows(target.name);
      const t = i * 90_000;
      const sourceWindows = ctx.hosts.windows(source.name);
      ctx.emit(networkConnect(ctx.at(t), sourceWindows, ctx.processes.make('C:\\Users\\Public\\PsExec64.exe', `PsExec64.exe \\\\${target.name} -s cmd.exe`, user), { sourcePort: ctx.rng.int(49152, 65535), destinationIp: target.ip, destinationPort: 445 }));
      ctx.emit(logon(ctx.at(t + 1_000), host, { user: admin.username, domain: ctx.org.windowsDomain, logonType: 3, sourceIp: source.ip, workstation: source.name, logonId: `0x${ctx.rng.hex(6)}` }, true));
      ctx.emit(serviceInstalled(ctx.at(t + 2_000), host, admin.username, ctx.org.windowsDomain, 'PSEXESVC', '%SystemRoot%\\PSEXESVC.exe'));
      const services = ctx.processes.system(target.name, 'services', 'NT AUTHORITY\\SYSTEM');
      const psexesvc = ctx.processes.make('C:\\Windows\\PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe', 'NT AUTHORITY\\SYSTEM', 'System');
      ctx.emit(processCreate(ctx.at(t + 2_500), host, psexesvc, services, fileHashes(psexesvc.image)));
      const shell = ctx.processes.make('C:\\Windows\\System32\\cmd.exe', '"cmd.exe" /c whoami /all & net group "Domain Admins" /domain', 'NT AUTHORITY\\SYSTEM', 'System');
      ctx.emit(processCreate(ctx.at(t + 3_000), host, shell, psexesvc, fileHashes(shell.image)));
    });
    return {
      description: `${admin.username}'s account was used from ${source.name} (the workstation of ${sourceOwner}) to run commands as SYSTEM on ${targets.length} servers through PsExec service installs.`,
      entities: { users: [admin.username], hosts: [source.name, ...targets.map((target) => target.name)], ips: [source.ip], cloudPrincipals: [] },
    };
  },
};

export const wmiScenario: ScenarioSpec = {
  type: 'lateral_movement_wmi',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'lateral-movement',
  expectedRule: 'lateral_movement_wmi_remote_execution',
  techniques: ['T1047'],
  build(ctx) {
    const { admin, source, sourceOwner } = compromisedAdminOnForeignWorkstation(ctx);
    const targets = ctx.rng.sample(ctx.org.hosts.filter((host) => host.os === 'windows' && host.role !== 'workstation'), 3);
    targets.forEach((target, i) => {
      const host = ctx.hosts.windows(target.name);
      const t = i * 120_000;
      ctx.emit(logon(ctx.at(t), host, { user: admin.username, domain: ctx.org.windowsDomain, logonType: 3, sourceIp: source.ip, workstation: source.name, logonId: `0x${ctx.rng.hex(6)}` }, true));
      const wmi = ctx.processes.make('C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding', 'NT AUTHORITY\\NETWORK SERVICE', 'System');
      const marker = `__${ctx.rng.int(1_600_000_000, 1_700_000_000)}.${ctx.rng.int(1000, 9999)}`;
      const shell = ctx.processes.make('C:\\Windows\\System32\\cmd.exe', `cmd.exe /Q /c ipconfig /all 1> \\\\127.0.0.1\\ADMIN$\\${marker} 2>&1`, `${ctx.org.windowsDomain}\\${admin.username}`, 'High');
      ctx.emit(processCreate(ctx.at(t + 1_500), host, shell, wmi, fileHashes(shell.image)));
    });
    return {
      description: `${admin.username}'s account ran commands over WMI from ${source.name} (the workstation of ${sourceOwner}) on ${targets.length} servers, writing output to ADMIN$ as remote-execution tools do.`,
      entities: { users: [admin.username], hosts: [source.name, ...targets.map((target) => target.name)], ips: [source.ip], cloudPrincipals: [] },
    };
  },
};

export const backupFanOutScenario: ScenarioSpec = {
  type: 'benign_backup_fanout',
  malicious: false,
  expectedVerdict: 'benign',
  expectedRunbook: 'lateral-movement',
  expectedRule: 'lateral_movement_logon_fan_out',
  techniques: [],
  hours: [2, 3],
  build(ctx) {
    const backup = ctx.org.serviceAccounts.find((account) => account.username === 'svc-backup');
    if (!backup) throw new Error('the organisation has no svc-backup account');
    const source = ctx.hosts.get(backup.sourceHost);
    backup.targets.forEach((target, i) => {
      ctx.emit(logon(ctx.at(i * 45_000), ctx.hosts.windows(target), { user: backup.username, domain: ctx.org.windowsDomain, logonType: 3, sourceIp: source.ip, workstation: source.name, logonId: `0x${ctx.rng.hex(6)}` }, true));
    });
    return {
      description: `The backup service account logged on to all ${backup.targets.length} Windows servers from ${source.name} inside its nightly 02:00–04:00 window.`,
      entities: { users: [backup.username], hosts: [source.name, ...backup.targets], ips: [source.ip], cloudPrincipals: [] },
    };
  },
};
