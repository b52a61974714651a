import { describe, expect, it } from 'vitest';
import { parseWindowsUser } from '../../../../src/telemetry/real/windows-user.js';

describe('parseWindowsUser', () => {
  it('splits DOMAIN\\name into name and domain', () => {
    expect(parseWindowsUser('NT AUTHORITY\\SYSTEM')).toEqual({ name: 'SYSTEM', domain: 'NT AUTHORITY' });
  });

  it('takes the domain from its own field when the name has none', () => {
    expect(parseWindowsUser('alice', 'CORP')).toEqual({ name: 'alice', domain: 'CORP' });
    expect(parseWindowsUser('alice', '-')).toEqual({ name: 'alice' });
  });

  it('keeps a name without domain as it is', () => {
    expect(parseWindowsUser('svc-backup')).toEqual({ name: 'svc-backup' });
  });

  it.each([undefined, '', '-', '  ', 'CORP\\'])('gives no user for %j', (raw) => {
    expect(parseWindowsUser(raw)).toBeUndefined();
  });
});
