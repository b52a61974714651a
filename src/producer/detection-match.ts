import { z } from 'zod';
import { AlertEntitiesSchema } from '../domain/alert.js';

/** One group of events that satisfied a rule in one run: the raw material of an alert. */
export const DetectionMatchSchema = z.object({
  /** Grouping field → value, e.g. `{ "source.ip": "185.220.101.47" }`. */
  group: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  eventCount: z.number().int().min(0),
  /** For correlations, the value the condition was checked against. */
  value: z.number().optional(),
  sampleEventIds: z.array(z.string()),
  entities: AlertEntitiesSchema,
});
export type DetectionMatch = z.infer<typeof DetectionMatchSchema>;

/** `source.ip=185.220.101.47|user.name=alice`: stable whatever order the group came in. */
export function entityKeyOf(group: DetectionMatch['group']): string {
  return Object.keys(group)
    .sort()
    .map((field) => `${field}=${String(group[field])}`)
    .join('|');
}
