/** Programs and destinations of everyday work, from which the baseline draws. */
export interface ProgramSpec {
  image: string;
  commandLine: string;
  parent: 'explorer' | 'services' | 'svchost' | 'userinit';
  /** Relative frequency. */
  weight: number;
  /** Only for these departments (all when absent). */
  departments?: readonly string[];
}

export const PROGRAMS: readonly ProgramSpec[] = [
  { image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', commandLine: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US', parent: 'explorer', weight: 30 },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"', parent: 'explorer', weight: 6 },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n', parent: 'explorer', weight: 5 },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE"', parent: 'explorer', weight: 5, departments: ['Finance', 'Sales'] },
  { image: 'C:\\Windows\\System32\\svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', parent: 'services', weight: 12 },
  { image: 'C:\\Windows\\System32\\RuntimeBroker.exe', commandLine: 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding', parent: 'svchost', weight: 8 },
  { image: 'C:\\Windows\\System32\\SearchProtocolHost.exe', commandLine: '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe1_', parent: 'services', weight: 6 },
  { image: 'C:\\Windows\\System32\\taskhostw.exe', commandLine: 'taskhostw.exe', parent: 'svchost', weight: 5 },
  { image: 'C:\\Windows\\System32\\conhost.exe', commandLine: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', parent: 'explorer', weight: 4 },
  { image: 'C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', commandLine: '"Teams.exe" --type=gpu-process', parent: 'explorer', weight: 10 },
  { image: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', commandLine: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background', parent: 'userinit', weight: 3 },
  { image: 'C:\\Program Files\\Microsoft VS Code\\Code.exe', commandLine: '"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=utility', parent: 'explorer', weight: 12, departments: ['Engineering'] },
  { image: 'C:\\Program Files\\Git\\cmd\\git.exe', commandLine: 'git fetch --all --prune', parent: 'explorer', weight: 8, departments: ['Engineering'] },
  { image: 'C:\\Program Files\\nodejs\\node.exe', commandLine: 'node node_modules\\vitest\\vitest.mjs run', parent: 'explorer', weight: 6, departments: ['Engineering'] },
  { image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: 'powershell.exe -NoProfile -Command "Get-Service | Where-Object Status -eq Stopped"', parent: 'explorer', weight: 4, departments: ['IT'] },
  { image: 'C:\\Windows\\System32\\mmc.exe', commandLine: '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"', parent: 'explorer', weight: 2, departments: ['IT'] },
];

export const SERVER_PROGRAMS: readonly ProgramSpec[] = [
  { image: 'C:\\Windows\\System32\\svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Winmgmt', parent: 'services', weight: 10 },
  { image: 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', commandLine: 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding', parent: 'svchost', weight: 4 },
  { image: 'C:\\Windows\\System32\\taskhostw.exe', commandLine: 'taskhostw.exe', parent: 'svchost', weight: 3 },
  { image: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MpCmdRun.exe', commandLine: '"MpCmdRun.exe" -SignatureUpdate', parent: 'services', weight: 1 },
];

/** Well-known system processes, one per host. */
export const SYSTEM_IMAGES = {
  explorer: 'C:\\Windows\\explorer.exe',
  services: 'C:\\Windows\\System32\\services.exe',
  svchost: 'C:\\Windows\\System32\\svchost.exe',
  userinit: 'C:\\Windows\\System32\\userinit.exe',
  lsass: 'C:\\Windows\\system32\\lsass.exe',
  defender: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe',
} as const;

/** User names that internet scanners try on an exposed SSH server. */
export const SCANNER_USERNAMES = ['root', 'admin', 'test', 'user', 'ubuntu', 'oracle', 'postgres', 'git', 'guest', 'ftpuser', 'pi', 'support'];
