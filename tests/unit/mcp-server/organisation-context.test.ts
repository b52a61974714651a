import { describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../../generators/organisation.js';
import { parseIp } from '../../../src/mcp-server/intel/ip-address.js';
import { cloudPrincipalInventory, hostInventory, ipInventory, userInventory } from '../../../src/mcp-server/organisation-context.js';

const org = buildOrganisation('ctx', { people: 12 });

function ip(text: string) {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(text);
  return parsed;
}

describe('organisation context', () => {
  it('finds a person by user name case-insensitively, with or without a domain', () => {
    const person = org.people[0];
    if (!person) throw new Error('no people');
    expect(userInventory(org, person.username.toUpperCase())).toMatchObject({ kind: 'person', department: person.department });
    expect(userInventory(org, `NORTHWIND\\${person.username}`)?.kind).toBe('person');
    expect(userInventory(org, 'svc-backup')).toMatchObject({ kind: 'service_account', sourceHost: 'BKP01' });
    expect(userInventory(org, 'mallory.nobody')).toBeUndefined();
  });

  it('describes a host with its subnet, and its owner\'s department and hours', () => {
    expect(hostInventory(org, 'dc01.northwind.local')).toMatchObject({ name: 'DC01', criticality: 'critical', subnet: 'windows servers' });
    const workstation = org.hosts.find((host) => host.role === 'workstation');
    if (!workstation) throw new Error('no workstation');
    expect(hostInventory(org, workstation.name)?.ownerDepartment).toBeDefined();
  });

  it("says whether a host's owner is an administrator", () => {
    const admin = org.people.find((candidate) => candidate.isAdmin);
    const other = org.people.find((candidate) => !candidate.isAdmin);
    if (!admin || !other) throw new Error('expected an administrator and someone else');
    expect(hostInventory(org, admin.workstation)?.ownerIsAdmin).toBe(true);
    expect(hostInventory(org, other.workstation)?.ownerIsAdmin).toBe(false);
  });

  it("knows the office's public egress address as the organisation's own", () => {
    expect(ipInventory(org, ip('198.51.100.10'))).toEqual({ subnet: { cidr: '198.51.100.10/32', name: 'office egress' } });
    expect(ipInventory(org, ip('198.51.100.11'))).toEqual({});
  });

  it('places an address in a host, a subnet or a known service', () => {
    expect(ipInventory(org, ip('10.20.0.10'))).toMatchObject({ host: { name: 'DC01' }, subnet: { name: 'windows servers' } });
    expect(ipInventory(org, ip('203.0.113.10')).knownService).toMatchObject({ name: 'Vaultline Backup', approvedForBulkTransfer: true });
    expect(ipInventory(org, ip('185.220.101.47'))).toEqual({});
  });

  it('lists what a cloud principal reads', () => {
    expect(cloudPrincipalInventory(org, 'BackupRole')?.reads).toEqual(expect.arrayContaining([{ bucket: 'northwind-backups', sensitivity: 'confidential' }]));
  });
});
