import { z } from 'zod';
import { CloudPrincipalSchema, HostSchema, KnownServiceSchema, PersonSchema, ServiceAccountSchema, WorkingHoursSchema, type Organisation } from '../domain/organisation.js';
import { parseIp, parseIpRange, rangeContains, type ParsedIp } from './intel/ip-address.js';

/**
 * What the organisation's inventory says about an entity: the ground truth of owner, role, criticality and normal
 * hours. Pure lookups over the inventory; names compare case-insensitively, as Windows and IAM names do in logs.
 */
const HostFactsSchema = HostSchema.pick({ name: true, ip: true, os: true, role: true, owner: true, criticality: true });

export const UserInventorySchema = z.discriminatedUnion('kind', [
  PersonSchema.extend({ kind: z.literal('person') }),
  ServiceAccountSchema.extend({ kind: z.literal('service_account') }),
]);
export type UserInventory = z.infer<typeof UserInventorySchema>;

export const HostInventorySchema = HostFactsSchema.extend({
  subnet: z.string().optional(),
  ownerDepartment: z.string().optional(),
  /** Whether the person who owns the host is an administrator: an admin account on a non-admin's machine stands out. */
  ownerIsAdmin: z.boolean().optional(),
  ownerHours: WorkingHoursSchema.optional(),
});
export type HostInventory = z.infer<typeof HostInventorySchema>;

export const IpInventorySchema = z.object({
  host: HostFactsSchema.optional(),
  subnet: z.object({ cidr: z.string(), name: z.string() }).optional(),
  knownService: KnownServiceSchema.optional(),
});
export type IpInventory = z.infer<typeof IpInventorySchema>;

export const CloudPrincipalInventorySchema = CloudPrincipalSchema.extend({
  /** Buckets the principal reads in normal operation, with their sensitivity. */
  reads: z.array(z.object({ bucket: z.string(), sensitivity: z.string() })),
  person: z.object({ username: z.string(), department: z.string(), isAdmin: z.boolean() }).optional(),
});
export type CloudPrincipalInventory = z.infer<typeof CloudPrincipalInventorySchema>;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function userInventory(org: Organisation, username: string): UserInventory | undefined {
  const bare = username.includes('\\') ? (username.split('\\').pop() ?? username) : username;
  const person = org.people.find((candidate) => same(candidate.username, bare) || (candidate.awsUser !== undefined && same(candidate.awsUser, bare)));
  if (person) return { kind: 'person', ...person };
  const account = org.serviceAccounts.find((candidate) => same(candidate.username, bare));
  return account ? { kind: 'service_account', ...account } : undefined;
}

function subnetOf(org: Organisation, ip: ParsedIp): { cidr: string; name: string } | undefined {
  return org.subnets.find((subnet) => {
    const range = parseIpRange(subnet.cidr);
    return range !== undefined && rangeContains(range, ip);
  });
}

export function hostInventory(org: Organisation, name: string): HostInventory | undefined {
  const host = org.hosts.find((candidate) => same(candidate.name, name) || same(candidate.name, name.split('.')[0] ?? name));
  if (!host) return undefined;
  const owner = org.people.find((person) => person.username === host.owner);
  const ip = parseIp(host.ip);
  const subnet = ip ? subnetOf(org, ip) : undefined;
  return {
    name: host.name,
    ip: host.ip,
    os: host.os,
    role: host.role,
    owner: host.owner,
    criticality: host.criticality,
    ...(subnet ? { subnet: subnet.name } : {}),
    ...(owner ? { ownerDepartment: owner.department, ownerIsAdmin: owner.isAdmin, ownerHours: owner.hours } : {}),
  };
}

export function ipInventory(org: Organisation, ip: ParsedIp): IpInventory {
  const host = org.hosts.find((candidate) => {
    const parsed = parseIp(candidate.ip);
    return parsed !== undefined && parsed.version === ip.version && parsed.value === ip.value;
  });
  const subnet = subnetOf(org, ip);
  const knownService = org.knownServices.find((service) => {
    const range = parseIpRange(service.cidr);
    return range !== undefined && rangeContains(range, ip);
  });
  return {
    ...(host ? { host: { name: host.name, ip: host.ip, os: host.os, role: host.role, owner: host.owner, criticality: host.criticality } } : {}),
    ...(subnet ? { subnet } : {}),
    ...(knownService ? { knownService } : {}),
  };
}

export function cloudPrincipalInventory(org: Organisation, nameOrArn: string): CloudPrincipalInventory | undefined {
  const principal = org.cloudPrincipals.find((candidate) => same(candidate.name, nameOrArn) || same(candidate.arn, nameOrArn));
  if (!principal) return undefined;
  const person = org.people.find((candidate) => candidate.awsUser !== undefined && same(candidate.awsUser, principal.name));
  return {
    ...principal,
    reads: org.buckets.filter((bucket) => bucket.readers.includes(principal.name)).map((bucket) => ({ bucket: bucket.name, sensitivity: bucket.sensitivity })),
    ...(person ? { person: { username: person.username, department: person.department, isAdmin: person.isAdmin } } : {}),
  };
}
