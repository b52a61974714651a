import { z } from 'zod';
import { SigmaMetadataShape } from './rule-schema.js';

export const SigmaCorrelationTypeSchema = z.enum([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
]);
export type SigmaCorrelationType = z.infer<typeof SigmaCorrelationTypeSchema>;

/** `number + unit` with the units of the specification: seconds, minutes, hours, days. */
export const SigmaTimespanSchema = z.string().regex(/^[1-9][0-9]*[smhd]$/, { message: 'expected a number and one of s, m, h, d, e.g. 5m' });

/** Thresholds linked with AND (`gt: 100` and `lte: 200` is the range 101..200), plus the field for value_* types. */
export const SigmaCorrelationConditionSchema = z.strictObject({
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  eq: z.number().optional(),
  neq: z.number().optional(),
  field: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
});
export type SigmaCorrelationCondition = z.infer<typeof SigmaCorrelationConditionSchema>;

export const SigmaCorrelationSchema = z.object({
  type: SigmaCorrelationTypeSchema,
  rules: z.array(z.string().min(1)).min(1),
  'group-by': z.array(z.string().min(1)).default([]),
  timespan: SigmaTimespanSchema,
  condition: SigmaCorrelationConditionSchema.optional(),
  /** alias name → (rule name → field name in that rule's events) */
  aliases: z.record(z.string(), z.record(z.string(), z.string().min(1))).default({}),
  /** Accepted here too, although the specification puts `generate` at the top level. */
  generate: z.boolean().optional(),
});
export type SigmaCorrelation = z.infer<typeof SigmaCorrelationSchema>;

/** A Sigma correlation (meta) rule (specification 2.1.0). */
export const SigmaCorrelationRuleSchema = z.looseObject({
  ...SigmaMetadataShape,
  correlation: SigmaCorrelationSchema,
  generate: z.boolean().optional(),
});
export type SigmaCorrelationRule = z.infer<typeof SigmaCorrelationRuleSchema>;
