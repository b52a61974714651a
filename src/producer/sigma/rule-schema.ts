import { z } from 'zod';

/** Sigma lists that rules sometimes write as a single string; always a list after parsing. */
const stringList = z.union([z.string(), z.array(z.string())]).transform((value) => (typeof value === 'string' ? [value] : value));

export const SigmaLevelSchema = z.enum(['informational', 'low', 'medium', 'high', 'critical']);
export type SigmaLevel = z.infer<typeof SigmaLevelSchema>;

export const SigmaStatusSchema = z.enum(['stable', 'test', 'experimental', 'deprecated', 'unsupported']);
export type SigmaStatus = z.infer<typeof SigmaStatusSchema>;

/** Fields shared by detection and correlation rules. Unknown top-level keys are kept: Sigma allows custom fields. */
export const SigmaMetadataShape = {
  title: z.string().min(1).max(256),
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  status: SigmaStatusSchema.optional(),
  description: z.string().optional(),
  license: z.string().optional(),
  author: z.string().optional(),
  references: z.array(z.string()).default([]),
  date: z.string().optional(),
  modified: z.string().optional(),
  tags: z.array(z.string()).default([]),
  level: SigmaLevelSchema.optional(),
  falsepositives: stringList.default([]),
};

export const SigmaLogsourceSchema = z.looseObject({
  category: z.string().min(1).optional(),
  product: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  definition: z.string().optional(),
});
export type SigmaLogsource = z.infer<typeof SigmaLogsourceSchema>;

/** A scalar in a detection: Sigma values are strings and numbers, plus `true`/`false` for `exists` and `null`. */
export const SigmaScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type SigmaScalar = z.infer<typeof SigmaScalarSchema>;

/** `field|modifier|...: value or list of values`, all pairs linked with AND. */
export const SigmaDetectionMapSchema = z.record(z.string(), z.union([SigmaScalarSchema, z.array(SigmaScalarSchema)]));
export type SigmaDetectionMap = z.infer<typeof SigmaDetectionMapSchema>;

/** A search identifier: a map, or a list of maps (OR) or of keywords (OR). */
export const SigmaSearchIdentifierSchema = z.union([
  SigmaDetectionMapSchema,
  z.array(z.union([SigmaDetectionMapSchema, z.string(), z.number()])),
]);
export type SigmaSearchIdentifier = z.infer<typeof SigmaSearchIdentifierSchema>;

export const SigmaConditionSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((value) => (typeof value === 'string' ? [value] : value));

/** `detection:` split into its condition(s) and its named search identifiers. */
export const SigmaDetectionSchema = z
  .object({ condition: SigmaConditionSchema })
  .catchall(SigmaSearchIdentifierSchema)
  .transform(({ condition, ...identifiers }) => ({ conditions: condition, identifiers }));
export type SigmaDetection = z.infer<typeof SigmaDetectionSchema>;

/** A Sigma detection rule (specification 2.1.0). */
export const SigmaRuleSchema = z.looseObject({
  ...SigmaMetadataShape,
  logsource: SigmaLogsourceSchema,
  related: z
    .array(z.object({ id: z.string().min(1), type: z.enum(['derived', 'obsolete', 'merged', 'renamed', 'similar']) }))
    .default([]),
  detection: SigmaDetectionSchema,
  fields: z.array(z.string()).default([]),
});
export type SigmaRule = z.infer<typeof SigmaRuleSchema>;
