import type { LinuxAuthEvent } from '../../src/telemetry/linux-auth-event.js';
import { dataStream, isoTime, type EventContext } from './context.js';

export interface LinuxHost {
  name: string;
  ip: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The syslog prefix: `Mar  3 10:15:42 web-01 sshd[1234]: ` (no year, as sshd writes it). */
function syslogLine(time: Date, host: string, program: string, pid: number, text: string): string {
  const day = String(time.getUTCDate()).padStart(2, ' ');
  const clock = time.toISOString().slice(11, 19);
  return `${MONTHS[time.getUTCMonth()] ?? 'Jan'} ${day} ${clock} ${host} ${program}[${pid}]: ${text}`;
}

/** The fields every auth.log document shares: the line, its time, the host and the event envelope. */
function authEnvelope(ctx: EventContext, host: LinuxHost, line: string, event: { category: string[]; type: string[]; action: string; outcome: 'success' | 'failure' }) {
  return {
    '@timestamp': isoTime(ctx.time),
    message: line,
    event: { id: ctx.id, kind: 'event' as const, ...event, module: 'system', dataset: 'system.auth' as const, original: line },
    data_stream: dataStream('system.auth' as const, ctx.namespace),
    host: { name: host.name, hostname: host.name, ip: [host.ip], os: { type: 'linux' as const, family: 'debian' } },
  };
}

export type SshOutcome = 'Accepted' | 'Failed' | 'Invalid';

/** An sshd authentication line: accepted, failed password, or invalid user. */
export function sshLogin(ctx: EventContext, host: LinuxHost, pid: number, outcome: SshOutcome, user: string, sourceIp: string, sourcePort: number, method: 'password' | 'publickey'): LinuxAuthEvent {
  const text =
    outcome === 'Accepted'
      ? `Accepted ${method} for ${user} from ${sourceIp} port ${sourcePort} ssh2${method === 'publickey' ? ': ED25519 SHA256:Zx9kq3' : ''}`
      : outcome === 'Failed'
        ? `Failed password for ${user} from ${sourceIp} port ${sourcePort} ssh2`
        : `Invalid user ${user} from ${sourceIp} port ${sourcePort}`;
  const line = syslogLine(ctx.time, host.name, 'sshd', pid, text);
  return {
    ...authEnvelope(ctx, host, line, {
      category: ['authentication', 'session'],
      type: outcome === 'Accepted' ? ['start'] : ['info'],
      action: 'ssh_login',
      outcome: outcome === 'Accepted' ? 'success' : 'failure',
    }),
    process: { name: 'sshd', pid },
    user: { name: user },
    source: { ip: sourceIp, port: sourcePort },
    related: { user: [user], ip: [sourceIp] },
    system: { auth: { ssh: { event: outcome, ...(outcome === 'Invalid' ? {} : { method }) } } },
  };
}

/** A sudo line: a command run as another user, or refused because the user is not in sudoers. */
export function sudo(ctx: EventContext, host: LinuxHost, pid: number, user: string, command: string, allowed: boolean): LinuxAuthEvent {
  const text = `${user} : ${allowed ? '' : 'user NOT in sudoers ; '}TTY=pts/0 ; PWD=/home/${user} ; USER=root ; COMMAND=${command}`;
  const line = syslogLine(ctx.time, host.name, 'sudo', pid, text).replace(`sudo[${pid}]:`, 'sudo:');
  return {
    ...authEnvelope(ctx, host, line, { category: ['process'], type: ['start'], action: 'sudo', outcome: allowed ? 'success' : 'failure' }),
    process: { name: 'sudo', pid },
    user: { name: user },
    related: { user: [user, 'root'] },
    system: { auth: { sudo: { command, user: 'root', tty: 'pts/0', pwd: `/home/${user}`, ...(allowed ? {} : { error: 'user NOT in sudoers' }) } } },
  };
}
