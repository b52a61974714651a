import { z } from 'zod';

/**
 * What the organisation knows about itself: people, accounts, hosts, networks, cloud principals and trusted
 * external services. It is the ground truth behind entity context (owner, criticality, normal hours).
 */
export const WorkingHoursSchema = z.object({
  /** Hours in UTC, [start, end). A window may wrap past midnight (start > end). */
  start: z.number().int().min(0).max(23),
  end: z.number().int().min(0).max(24),
  weekdaysOnly: z.boolean(),
});
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

export const CriticalitySchema = z.enum(['low', 'medium', 'high', 'critical']);

export const PersonSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  department: z.string(),
  title: z.string(),
  isAdmin: z.boolean(),
  workstation: z.string(),
  hours: WorkingHoursSchema,
  /** IAM user name when the person has AWS console or API access. */
  awsUser: z.string().optional(),
  /** Linux hosts the person logs into over SSH. */
  linuxHosts: z.array(z.string()),
});
export type Person = z.infer<typeof PersonSchema>;

export const ServiceAccountSchema = z.object({
  username: z.string(),
  purpose: z.string(),
  owner: z.string(),
  hours: WorkingHoursSchema,
  /** Hosts the account is expected to log on to. */
  targets: z.array(z.string()),
  sourceHost: z.string(),
});
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;

export const HostSchema = z.object({
  name: z.string(),
  ip: z.ipv4(),
  os: z.enum(['windows', 'linux']),
  role: z.enum(['workstation', 'domain_controller', 'file_server', 'database', 'application', 'web', 'bastion', 'build', 'backup']),
  owner: z.string(),
  criticality: CriticalitySchema,
});
export type Host = z.infer<typeof HostSchema>;

export const SubnetSchema = z.object({ cidr: z.string(), name: z.string() });

export const CloudPrincipalSchema = z.object({
  name: z.string(),
  kind: z.enum(['user', 'role']),
  arn: z.string(),
  owner: z.string(),
  /** Managed policy names attached to the principal. */
  policies: z.array(z.string()),
});
export type CloudPrincipal = z.infer<typeof CloudPrincipalSchema>;

export const BucketSchema = z.object({
  name: z.string(),
  sensitivity: z.enum(['public', 'internal', 'confidential']),
  owner: z.string(),
  /** Principals that read it in normal operation. */
  readers: z.array(z.string()),
});

export const KnownServiceSchema = z.object({
  name: z.string(),
  cidr: z.string(),
  purpose: z.string(),
  approvedForBulkTransfer: z.boolean(),
});
export type KnownService = z.infer<typeof KnownServiceSchema>;

export const OrganisationSchema = z.object({
  seed: z.string(),
  name: z.string(),
  windowsDomain: z.string(),
  emailDomain: z.string(),
  awsAccountId: z.string().regex(/^\d{12}$/),
  awsRegion: z.string(),
  people: z.array(PersonSchema),
  serviceAccounts: z.array(ServiceAccountSchema),
  hosts: z.array(HostSchema),
  subnets: z.array(SubnetSchema),
  cloudPrincipals: z.array(CloudPrincipalSchema),
  buckets: z.array(BucketSchema),
  knownServices: z.array(KnownServiceSchema),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
