import { eventId } from '../event-id.js';
import type { LinuxAuthEvent } from '../linux-auth-event.js';
import { normalizeIp } from './ip-address.js';
import { malformed, skipped, validateEvent, type MapContext, type MapOutcome } from './map-outcome.js';
import { parsePort } from './port-number.js';
import { relatedFields } from './related-fields.js';
import { parseSyslogLine, type SyslogLine } from './syslog-line.js';

/** What mapping an `auth.log` line needs beyond the usual context. */
export interface AuthLogContext extends MapContext {
  /** Year of the file's lines, which BSD syslog does not write. */
  year: number;
  /** How many identical lines came before this one in the file (0 for the first); keeps true repeats apart. */
  occurrence: number;
}

type Ssh = NonNullable<LinuxAuthEvent['system']['auth']['ssh']>;
type Sudo = NonNullable<LinuxAuthEvent['system']['auth']['sudo']>;

// `Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2`, `Accepted publickey for deploy from …`.
// The user part is greedy up to the last " from ": attackers try names with spaces in them.
const SSH_LOGIN = /^(Accepted|Failed) (\S+) for (invalid user )?(.*) from (\S+) port (\d+)(?: ssh\d?)?(?:: .*)?$/;
// `Invalid user test from 198.51.100.7 port 41022` (older OpenSSH writes no port).
const SSH_INVALID_USER = /^Invalid user (.*) from (\S+)(?: port (\d+))?$/;
// `alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash`
const SUDO_RECORD = /^\s*(\S+) : (.+)$/;

interface AuthFacts {
  action: 'ssh_login' | 'sudo';
  outcome: 'success' | 'failure';
  user?: string;
  sourceIp?: string;
  sourcePort?: number;
  ssh?: Ssh;
  sudo?: Sudo;
}

/**
 * One `auth.log` line as a `logs-system.auth` document, in the layout of Elastic's system integration: sshd
 * logins (accepted, failed, invalid user) and sudo commands. Other programs' lines and the sshd/sudo messages
 * that are no login or command (session opened, disconnects…) are skipped; a line without a syslog header is
 * malformed. The event id comes from the line and its resolved time, so a rotated or renamed file adds nothing.
 */
export function mapAuthLogLine(line: string, context: AuthLogContext): MapOutcome {
  const header = parseSyslogLine(line, context.year);
  if ('error' in header) return malformed(header.error);
  const program = header.program.toLowerCase();
  if (program !== 'sshd' && program !== 'sudo') return skipped('not an auth event');
  const facts = program === 'sshd' ? readSshMessage(header.message) : readSudoMessage(header.message);
  if (facts === undefined) return skipped(`${program}: message is no login or command`);
  return validateEvent(buildAuthEvent(header, facts, line, context));
}

function buildAuthEvent(header: SyslogLine, facts: AuthFacts, line: string, context: AuthLogContext): LinuxAuthEvent {
  const isSsh = facts.action === 'ssh_login';
  return {
    '@timestamp': header.timestamp,
    event: {
      id: eventId('system.auth', header.timestamp, line, context.occurrence),
      kind: 'event',
      category: isSsh ? ['authentication'] : ['process'],
      type: isSsh ? [facts.ssh?.event === 'Accepted' ? 'start' : 'info'] : ['start'],
      action: facts.action,
      outcome: facts.outcome,
      module: 'system',
      dataset: 'system.auth',
      original: line,
    },
    data_stream: { type: 'logs', dataset: 'system.auth', namespace: context.namespace },
    message: header.message,
    host: { name: header.host, hostname: header.host, os: { type: 'linux' } },
    process: { name: header.program, ...(header.pid === undefined ? {} : { pid: header.pid }) },
    ...(facts.user ? { user: { name: facts.user } } : {}),
    ...(facts.sourceIp ? { source: { ip: facts.sourceIp, ...(facts.sourcePort === undefined ? {} : { port: facts.sourcePort }) } } : {}),
    related: relatedFields([facts.sourceIp], [facts.user, facts.sudo?.user]),
    system: { auth: { ...(facts.ssh ? { ssh: facts.ssh } : {}), ...(facts.sudo ? { sudo: facts.sudo } : {}) } },
  };
}

/** An sshd login message, or `undefined` for sshd's other messages. */
function readSshMessage(message: string): AuthFacts | undefined {
  const login = SSH_LOGIN.exec(message);
  if (login) {
    const [, verdict = '', method = '', , user = '', address = '', port = ''] = login;
    const event = verdict === 'Accepted' ? 'Accepted' : 'Failed';
    return sshFacts({ event, method }, user, address, port);
  }
  const invalid = SSH_INVALID_USER.exec(message);
  if (invalid) {
    const [, user = '', address = '', port] = invalid;
    return sshFacts({ event: 'Invalid' }, user, address, port);
  }
  return undefined;
}

function sshFacts(ssh: Ssh, user: string, address: string, port: string | undefined): AuthFacts {
  const sourceIp = normalizeIp(address);
  const sourcePort = parsePort(port);
  return {
    action: 'ssh_login',
    outcome: ssh.event === 'Accepted' ? 'success' : 'failure',
    ssh,
    ...(user.trim() ? { user: user.trim() } : {}),
    ...(sourceIp ? { sourceIp } : {}),
    ...(sourceIp && sourcePort !== undefined ? { sourcePort } : {}),
  };
}

/**
 * A sudo command record, or `undefined` for sudo's other messages (PAM session lines). A record that starts
 * with text other than `KEY=value` carries sudo's refusal (`user NOT in sudoers`, `3 incorrect password
 * attempts`), which makes it a failure. `COMMAND` comes last and may itself contain ` ; `, so it takes the rest.
 */
function readSudoMessage(message: string): AuthFacts | undefined {
  const record = SUDO_RECORD.exec(message);
  if (!record) return undefined;
  const [, user = '', rest = ''] = record;
  const sudo: Sudo = {};
  const parts = rest.split(' ; ');
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] ?? '';
    const field = /^([A-Z]+)=(.*)$/.exec(part);
    if (field?.[1] === 'COMMAND') {
      sudo.command = [field[2] ?? '', ...parts.slice(index + 1)].join(' ; ');
      break;
    }
    if (field?.[1] === 'TTY') sudo.tty = field[2];
    else if (field?.[1] === 'PWD') sudo.pwd = field[2];
    else if (field?.[1] === 'USER') sudo.user = field[2];
    else if (!field && sudo.error === undefined) sudo.error = part.trim();
  }
  if (sudo.command === undefined && sudo.error === undefined) return undefined;
  return { action: 'sudo', outcome: sudo.error === undefined ? 'success' : 'failure', user, sudo };
}
