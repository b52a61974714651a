import { describe, expect, it } from 'vitest';
import { inHours, activityLevel } from '../../../generators/activity.js';
import { buildOrganisation } from '../../../generators/organisation.js';

describe('buildOrganisation', () => {
  const org = buildOrganisation('42', { people: 200 });

  it('is the same for the same seed and differs for another', () => {
    expect(buildOrganisation('42', { people: 200 })).toEqual(org);
    expect(buildOrganisation('43', { people: 200 }).people.map((person) => person.username)).not.toEqual(org.people.map((person) => person.username));
  });

  it('gives every person a unique account and a workstation of their own', () => {
    const usernames = new Set(org.people.map((person) => person.username));
    expect(usernames.size).toBe(200);
    const workstations = new Set(org.people.map((person) => person.workstation));
    expect(workstations.size).toBe(200);
    const hostNames = new Set(org.hosts.map((host) => host.name));
    expect(org.people.every((person) => hostNames.has(person.workstation))).toBe(true);
  });

  it('has administrators, a nightly backup account and cloud principals', () => {
    expect(org.people.some((person) => person.isAdmin)).toBe(true);
    const backup = org.serviceAccounts.find((account) => account.username === 'svc-backup');
    expect(backup?.hours).toEqual({ start: 2, end: 4, weekdaysOnly: false });
    expect(org.cloudPrincipals.some((principal) => principal.policies.includes('AdministratorAccess'))).toBe(true);
    expect(org.knownServices.find((service) => service.approvedForBulkTransfer)?.cidr).toBe('203.0.113.0/24');
  });
});

describe('working hours', () => {
  const office = { start: 8, end: 17, weekdaysOnly: true };
  const night = { start: 22, end: 6, weekdaysOnly: false };

  it('knows weekdays from weekends and windows that wrap midnight', () => {
    expect(inHours(office, new Date('2026-11-18T10:00:00Z'))).toBe(true);
    expect(inHours(office, new Date('2026-11-21T10:00:00Z'))).toBe(false);
    expect(inHours(night, new Date('2026-11-21T03:00:00Z'))).toBe(true);
    expect(inHours(night, new Date('2026-11-21T12:00:00Z'))).toBe(false);
  });

  it('keeps a trickle of activity outside working hours', () => {
    expect(activityLevel(office, new Date('2026-11-18T03:00:00Z'))).toBeLessThan(0.1);
    expect(activityLevel(office, new Date('2026-11-18T11:00:00Z'))).toBe(1);
  });
});
