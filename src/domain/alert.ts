import { z } from 'zod';

export const SeveritySchema = z.enum(['informational', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const AlertStatusSchema = z.enum(['new', 'investigating', 'investigated', 'failed']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** The detection rule behind an alert, with the credit its licence asks for (DRL 1.1: author shown with every match). */
export const AlertRuleSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  author: z.string().optional(),
  license: z.string().optional(),
  level: SeveritySchema,
  tags: z.array(z.string()),
  /** ATT&CK technique ids from the rule's tags, e.g. T1110.001. */
  techniques: z.array(z.string()),
  tactics: z.array(z.string()),
  falsepositives: z.array(z.string()),
  description: z.string().optional(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;

export const AlertEntitiesSchema = z.object({
  users: z.array(z.string()),
  hosts: z.array(z.string()),
  sourceIps: z.array(z.string()),
  destinationIps: z.array(z.string()),
  cloudPrincipals: z.array(z.string()),
});
export type AlertEntities = z.infer<typeof AlertEntitiesSchema>;

/**
 * What a rule matched, once per (rule, entity) within the deduplication window: later matches raise the count and
 * move `lastSeen` instead of raising a second alert.
 */
export const AlertSchema = z.object({
  id: z.string().regex(/^al-[A-Za-z0-9_-]{8,40}$/),
  rule: AlertRuleSchema,
  severity: SeveritySchema,
  status: AlertStatusSchema,
  /** The values of the fields that grouped the matches, e.g. `source.ip=185.220.101.47`. */
  entityKey: z.string(),
  entities: AlertEntitiesSchema,
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
  matchedEventCount: z.number().int().positive(),
  /** Up to 20 matched event ids (ES `_id`s), newest last; a report may cite them. */
  sampleEventIds: z.array(z.string()).min(1).max(20),
  /** Data streams (or patterns) the rule ran against. */
  dataStreams: z.array(z.string()),
  detection: z.object({
    kind: z.enum(['single', 'correlation']),
    correlationType: z.string().optional(),
    /** For correlations: the aggregated value compared with the condition (count, distinct count, sum…). */
    value: z.number().optional(),
    groupBy: z.array(z.string()).optional(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Alert = z.infer<typeof AlertSchema>;
