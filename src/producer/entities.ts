import { z } from 'zod';
import type { AlertEntities } from '../domain/alert.js';

/** The document fields an alert's entities are read from. */
export const ENTITY_SOURCE_FIELDS = ['user.name', 'host.name', 'source.ip', 'destination.ip', 'aws.cloudtrail.user_identity.arn'] as const;

const EntitySourceSchema = z.looseObject({
  user: z.looseObject({ name: z.string().optional() }).optional(),
  host: z.looseObject({ name: z.string().optional() }).optional(),
  source: z.looseObject({ ip: z.string().optional() }).optional(),
  destination: z.looseObject({ ip: z.string().optional() }).optional(),
  aws: z.looseObject({ cloudtrail: z.looseObject({ user_identity: z.looseObject({ arn: z.string().optional() }).optional() }).optional() }).optional(),
});

const MAX_PER_KIND = 10;

/** Distinct users, hosts, addresses and cloud principals of matched events (a few of each, for the alert). */
export function entitiesOf(sources: readonly unknown[]): AlertEntities {
  const sets = { users: new Set<string>(), hosts: new Set<string>(), sourceIps: new Set<string>(), destinationIps: new Set<string>(), cloudPrincipals: new Set<string>() };
  const add = (set: Set<string>, value: string | undefined): void => {
    if (value && set.size < MAX_PER_KIND) set.add(value);
  };
  for (const raw of sources) {
    const parsed = EntitySourceSchema.safeParse(raw);
    if (!parsed.success) continue;
    const doc = parsed.data;
    add(sets.users, doc.user?.name);
    add(sets.hosts, doc.host?.name);
    add(sets.sourceIps, doc.source?.ip);
    add(sets.destinationIps, doc.destination?.ip);
    add(sets.cloudPrincipals, doc.aws?.cloudtrail?.user_identity?.arn);
  }
  return {
    users: [...sets.users],
    hosts: [...sets.hosts],
    sourceIps: [...sets.sourceIps],
    destinationIps: [...sets.destinationIps],
    cloudPrincipals: [...sets.cloudPrincipals],
  };
}
