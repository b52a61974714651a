import { z } from 'zod';
import { RegressionSampleSchema } from './regression-sample.js';

/**
 * What became of one regression sample, checked in this order: rule_not_in_set (no rule of the collection has
 * its id), rule_unmapped (we collect no events of the rule's log source), rule_unsupported (the rule does not
 * compile: refused feature, invalid, or a crash), sample_missing (no JSON recording beside `info.yml`),
 * sample_unmappable (no event of the recording has a data stream here, e.g. the Task Scheduler channel), then
 * matched (the compiled query finds at least one event of the sample) or not_matched.
 */
export const SAMPLE_OUTCOMES = [
  'matched',
  'not_matched',
  'rule_not_in_set',
  'rule_unmapped',
  'rule_unsupported',
  'sample_missing',
  'sample_unmappable',
] as const;
export type SampleOutcomeKind = (typeof SAMPLE_OUTCOMES)[number];

export const SampleOutcomeSchema = RegressionSampleSchema.extend({
  outcome: z.enum(SAMPLE_OUTCOMES),
  /** The rule's file, relative to its rule folder, when the rule is in the collection. */
  ruleFile: z.string().optional(),
  /** Our log source mapping of the rule, when it has one. */
  logsource: z.string().optional(),
  /** Documents indexed from the sample. */
  events: z.number().int().min(0).optional(),
  /** Events of the sample the compiled query found. */
  hits: z.number().int().min(0).optional(),
  /** Why it is not matched or not tested: the rule's refusal, the skipped channel, or which clause failed. */
  reason: z.string().optional(),
});
export type SampleOutcome = z.infer<typeof SampleOutcomeSchema>;
