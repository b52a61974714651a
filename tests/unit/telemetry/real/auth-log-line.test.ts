import { describe, expect, it } from 'vitest';
import { LinuxAuthEventSchema } from '../../../../src/telemetry/linux-auth-event.js';
import { mapAuthLogLine, type AuthLogContext } from '../../../../src/telemetry/real/auth-log-line.js';
import { expectMapped, makeMapContext } from '../../../support/map-context.js';

function context(line: string, overrides: Partial<AuthLogContext> = {}): AuthLogContext {
  return { ...makeMapContext({ fileName: 'auth.log', original: line }), year: 2024, occurrence: 0, ...overrides };
}

function mapLine(line: string) {
  return LinuxAuthEventSchema.parse(expectMapped(mapAuthLogLine(line, context(line))));
}

describe('mapAuthLogLine', () => {
  it('maps a failed password for an invalid user', () => {
    const line = 'Mar  3 10:15:42 web-01 sshd[1234]: Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2';
    const event = mapLine(line);
    expect(event['@timestamp']).toBe('2024-03-03T10:15:42.000Z');
    expect(event.event).toMatchObject({ action: 'ssh_login', category: ['authentication'], outcome: 'failure', original: line });
    expect(event.system.auth.ssh).toEqual({ event: 'Failed', method: 'password' });
    expect(event.user).toEqual({ name: 'admin' });
    expect(event.source).toEqual({ ip: '203.0.113.5', port: 52144 });
    expect(event.host.name).toBe('web-01');
    expect(event.process).toEqual({ name: 'sshd', pid: 1234 });
    expect(event.message).toBe('Failed password for invalid user admin from 203.0.113.5 port 52144 ssh2');
  });

  it('maps an accepted public key login as a success', () => {
    const event = mapLine('Mar  3 10:16:02 web-01 sshd[1250]: Accepted publickey for deploy from 10.0.0.5 port 50022 ssh2: RSA SHA256:Invented');
    expect(event.event).toMatchObject({ outcome: 'success', type: ['start'] });
    expect(event.system.auth.ssh).toEqual({ event: 'Accepted', method: 'publickey' });
    expect(event.user).toEqual({ name: 'deploy' });
  });

  it('maps an invalid user, with or without a port', () => {
    expect(mapLine('Mar  3 10:15:50 web-01 sshd[1240]: Invalid user test from 203.0.113.6 port 40022').system.auth.ssh).toEqual({ event: 'Invalid' });
    expect(mapLine('Mar  3 10:15:50 web-01 sshd[1240]: Invalid user test from 203.0.113.6').source).toEqual({ ip: '203.0.113.6' });
  });

  it('maps a sudo command with its target user, terminal and folder', () => {
    const event = mapLine('Mar  3 10:17:10 web-01 sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh -c echo a ; echo b');
    expect(event.event).toMatchObject({ action: 'sudo', category: ['process'], outcome: 'success' });
    expect(event.user).toEqual({ name: 'alice' });
    expect(event.system.auth.sudo).toEqual({ tty: 'pts/0', pwd: '/home/alice', user: 'root', command: '/bin/sh -c echo a ; echo b' });
    expect(event.process).toEqual({ name: 'sudo' });
  });

  it('maps a refused sudo as a failure carrying the error', () => {
    const event = mapLine('Mar  3 10:18:00 web-01 sudo:      bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow');
    expect(event.event.outcome).toBe('failure');
    expect(event.system.auth.sudo).toMatchObject({ error: 'user NOT in sudoers', command: '/usr/bin/cat /etc/shadow' });
  });

  it('reads the high-precision rsyslog header with its zone', () => {
    expect(mapLine('2024-03-03T11:15:42.123456+01:00 web-01 sshd[7]: Failed none for root from 203.0.113.5 port 1 ssh2')['@timestamp']).toBe(
      '2024-03-03T10:15:42.123Z',
    );
  });

  it.each([
    ['another program', 'Mar  3 10:19:00 web-01 CRON[2001]: pam_unix(cron:session): session opened for user root', 'not an auth event'],
    ['an sshd session line', 'Mar  3 10:16:02 web-01 sshd[1250]: pam_unix(sshd:session): session opened for user deploy', 'sshd: message is no login or command'],
    ['a sudo PAM line', 'Mar  3 10:17:10 web-01 sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)', 'sudo: message is no login or command'],
  ])('skips %s', (_what, line, reason) => {
    expect(mapAuthLogLine(line, context(line))).toEqual({ kind: 'skipped', reason });
  });

  it.each([
    ['text without syslog header', 'this line is not syslog at all', /^not a syslog line/],
    ['a day that does not exist', 'Feb 30 10:00:00 web-01 sshd[1]: Failed password for root from 203.0.113.5 port 1 ssh2', /^no such date: Feb 30 2024/],
  ])('reports %s as malformed', (_what, line, reason) => {
    const outcome = mapAuthLogLine(line, context(line));
    expect(outcome.kind).toBe('malformed');
    expect(outcome.kind === 'malformed' && outcome.reason).toMatch(reason);
  });

  it('gives identical lines different ids, and the same line in another year another id', () => {
    const line = 'Mar  3 10:15:42 web-01 sshd[1234]: Failed password for root from 203.0.113.5 port 52144 ssh2';
    const id = (overrides: Partial<AuthLogContext>) => expectMapped(mapAuthLogLine(line, context(line, overrides))).event.id;
    expect(id({ occurrence: 0 })).toBe(id({ occurrence: 0, fileName: 'auth.log.1', line: 99 }));
    expect(id({ occurrence: 1 })).not.toBe(id({ occurrence: 0 }));
    expect(id({ year: 2023 })).not.toBe(id({ year: 2024 }));
  });
});
