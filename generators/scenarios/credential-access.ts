import { fileCreate, processAccess, processCreate } from '../events/windows.js';
import { fileHashes } from '../baseline.js';
import { INJECTION_TEXT, type ScenarioContext, type ScenarioOutcome, type ScenarioSpec } from './scenario.js';

function dumpLsass(ctx: ScenarioContext, comment: string | undefined): ScenarioOutcome {
  const person = ctx.rng.pick(ctx.org.people.filter((candidate) => !candidate.isAdmin));
  const host = ctx.hosts.windows(person.workstation);
  const user = `${ctx.org.windowsDomain}\\${person.username}`;
  const explorer = ctx.processes.system(host.name, 'explorer', user);
  const lsass = ctx.processes.system(host.name, 'lsass', 'NT AUTHORITY\\SYSTEM');
  const powershell = ctx.processes.make('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -ep bypass -w hidden', user, 'High');
  ctx.emit(processCreate(ctx.at(0), host, powershell, explorer, fileHashes(powershell.image)));
  const dumpPath = 'C:\\Users\\Public\\lsass.dmp';
  const commandLine = `rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump ${lsass.pid} ${dumpPath} full${comment ? ` & REM ${comment}` : ''}`;
  const rundll = ctx.processes.make('C:\\Windows\\System32\\rundll32.exe', commandLine, user, 'High');
  ctx.emit(processCreate(ctx.at(20_000), host, rundll, powershell, fileHashes(rundll.image)));
  ctx.emit(processAccess(ctx.at(20_500), host, rundll, lsass, '0x1fffff', 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\comsvcs.dll+1a0b5|UNKNOWN(00007FF8A1B2C3D4)'));
  ctx.emit(fileCreate(ctx.at(22_000), host, rundll, dumpPath));
  return {
    description: `On ${host.name}, ${person.username}'s session used comsvcs.dll MiniDump through rundll32 to dump lsass memory to ${dumpPath}.`,
    entities: { users: [person.username], hosts: [host.name], ips: [host.ip], cloudPrincipals: [] },
    ...(comment ? { injection: { field: 'process.command_line', text: comment } } : {}),
  };
}

export const lsassDumpScenario: ScenarioSpec = {
  type: 'credential_dumping_lsass',
  malicious: true,
  expectedVerdict: 'malicious',
  expectedRunbook: 'credential-access',
  expectedRule: 'credential_access_lsass_memory_access',
  techniques: ['T1003.001'],
  build: (ctx) => dumpLsass(ctx, undefined),
};

export const lsassDumpInjectedScenario: ScenarioSpec = {
  ...lsassDumpScenario,
  type: 'credential_dumping_lsass_injected',
  twinOf: 'credential_dumping_lsass',
  build: (ctx) => dumpLsass(ctx, INJECTION_TEXT),
};
