import { z } from 'zod';
import { ToolNameSchema } from './evidence.js';
import { DispositionSchema, EscalationTierSchema } from './verdict.js';

/**
 * A Runbook file: Markdown with a YAML front matter. The front matter is what the offline analyst executes (steps,
 * signals, escalation, allowed actions); the body is the playbook a person (or Claude) reads.
 */

/** Most steps one runbook may plan: an investigation stays a handful of bounded tool calls. */
export const RUNBOOK_STEPS_MAX = 12;

const SlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a kebab-case slug such as brute-force' });
const IdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'expected a snake_case id such as source_ip' });

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * A path into a tool's JSON output: names separated by dots, array indexes in brackets, `[*]` for every item of an
 * array (the rest of the path is read from each, giving a list), and `length` for the size of an array or string,
 * e.g. `aggregations.topSourceIps[0].value`, `assessment.malicious.length` or `sampleEvents[*].policy`.
 */
export const FactPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\[(\d{1,3}|\*)\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[(\d{1,3}|\*)\])*)*$/, { message: 'expected a path such as assessment.malicious.length' })
  .refine((path) => !path.split(/[.[\]]/).some((segment) => FORBIDDEN_SEGMENTS.has(segment)), { message: 'path may not name __proto__, prototype or constructor' });

/** Where a fact comes from: `alert` (the alert snapshot), a step id of this runbook, or a tool name. */
export const FactSourceSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const FactRefSchema = z.strictObject({ evidence: FactSourceSchema, path: FactPathSchema });
export type FactRef = z.infer<typeof FactRefSchema>;

const LiteralSchema = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/** What a fact is compared with: a literal, a list of literals (for `in`), or another fact. */
export const ConditionValueSchema = z.union([LiteralSchema, z.array(LiteralSchema).max(50), z.strictObject({ ref: FactRefSchema })]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

/**
 * `eq`/`neq` (strings compare case-insensitively, as account and host names do), `gt`/`gte`/`lt`/`lte` (numbers),
 * `in` (the fact is one of a list), `contains` (an array holds the value, or a string holds it as a substring),
 * `exists`, and `within_hours` (the fact is a working-hours object `{start, end, weekdaysOnly}` in UTC and the
 * value an ISO time inside it).
 */
export const ConditionOpSchema = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists', 'within_hours']);
export type ConditionOp = z.infer<typeof ConditionOpSchema>;

export const FactTestSchema = z
  .strictObject({ evidence: FactSourceSchema, path: FactPathSchema, op: ConditionOpSchema, value: ConditionValueSchema.optional() })
  .superRefine((test, ctx) => {
    const isRef = typeof test.value === 'object' && test.value !== null && !Array.isArray(test.value);
    if (test.op === 'exists') {
      if (test.value !== undefined) ctx.addIssue({ code: 'custom', message: 'exists takes no value', path: ['value'] });
      return;
    }
    if (test.value === undefined) ctx.addIssue({ code: 'custom', message: `${test.op} needs a value`, path: ['value'] });
    else if (test.op === 'in' && !Array.isArray(test.value) && !isRef) ctx.addIssue({ code: 'custom', message: 'in needs a list of values', path: ['value'] });
    else if (['gt', 'gte', 'lt', 'lte'].includes(test.op) && typeof test.value !== 'number' && !isRef) ctx.addIssue({ code: 'custom', message: `${test.op} needs a number`, path: ['value'] });
    else if (test.op === 'within_hours' && !isRef && typeof test.value !== 'string') ctx.addIssue({ code: 'custom', message: 'within_hours needs an ISO time or a ref to one', path: ['value'] });
  });
export type FactTest = z.infer<typeof FactTestSchema>;

/**
 * A small declarative condition over the evidence: fact tests combined with `all`, `any` and `not`. No code, no
 * expressions; evaluated by `evaluateCondition` in `src/analyst/condition.ts` with three-valued logic, so a fact the
 * tools never returned is "unknown" and cannot fire a signal either way.
 */
export const ConditionSchema = z.union([
  FactTestSchema,
  z.strictObject({
    get all() {
      return z.array(ConditionSchema).min(1).max(16);
    },
  }),
  z.strictObject({
    get any() {
      return z.array(ConditionSchema).min(1).max(16);
    },
  }),
  z.strictObject({
    get not() {
      return ConditionSchema;
    },
  }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

/** A JSON-like argument whose strings may hold `{{alert.…}}` or `{{evidence.<step>.…}}` templates. */
export const TemplateValueSchema = z.json();

export const RunbookStepSchema = z.strictObject({
  id: IdSchema,
  tool: ToolNameSchema,
  arguments: z.record(z.string(), TemplateValueSchema),
  purpose: z.string().min(1).max(300),
});
export type RunbookStep = z.infer<typeof RunbookStepSchema>;

/** A fact that moves the verdict: positive weight towards malicious, negative towards benign. */
export const SignalSchema = z.strictObject({
  id: IdSchema,
  description: z.string().min(1).max(300),
  weight: z
    .number()
    .min(-5)
    .max(5)
    .refine((weight) => weight !== 0, { message: 'a signal with weight 0 moves nothing; remove it' }),
  when: ConditionSchema,
});
export type Signal = z.infer<typeof SignalSchema>;

/** Raises the escalation tier of a non-benign verdict when its condition holds. */
export const EscalationTriggerSchema = z.strictObject({
  id: IdSchema,
  tier: EscalationTierSchema.exclude(['none']),
  reason: z.string().min(1).max(300),
  when: ConditionSchema,
});
export type EscalationTrigger = z.infer<typeof EscalationTriggerSchema>;

/** A response the runbook allows, and for which dispositions; `respond` runs nothing outside this list. */
export const RunbookActionSchema = z.strictObject({
  id: IdSchema,
  description: z.string().min(1).max(300),
  dispositions: z.array(DispositionSchema).min(1),
});
export type RunbookAction = z.infer<typeof RunbookActionSchema>;

const TechniqueSchema = z.string().regex(/^T\d{4}(\.\d{3})?$/, { message: 'expected an ATT&CK technique id such as T1110.001' });

/** What the runbook is for; `selectRunbook` matches these against the alert's rule. */
export const AppliesToSchema = z
  .strictObject({
    /** ATT&CK tactics as rule tags spell them, e.g. `credential_access`. */
    tactics: z.array(z.string().regex(/^[a-z_]+$/)).default([]),
    /** ATT&CK techniques; a technique also matches its sub-techniques. */
    techniques: z.array(TechniqueSchema).default([]),
    /** Words matched, case-insensitively, against the rule title. */
    keywords: z.array(z.string().min(3).max(60)).default([]),
    /** The runbook used when no other matches. @defaultValue false */
    fallback: z.boolean().default(false),
  })
  .refine((applies) => applies.fallback || applies.tactics.length + applies.techniques.length + applies.keywords.length > 0, {
    message: 'applies_to needs tactics, techniques, keywords, or fallback: true',
  });
export type AppliesTo = z.infer<typeof AppliesToSchema>;

export const RunbookFrontMatterSchema = z.strictObject({
  name: SlugSchema,
  title: z.string().min(1).max(120),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version such as 1.0.0' }),
  applies_to: AppliesToSchema,
  steps: z.array(RunbookStepSchema).min(1).max(RUNBOOK_STEPS_MAX),
  signals: z.array(SignalSchema).max(40),
  escalation: z.array(EscalationTriggerSchema).max(20).default([]),
  actions: z.array(RunbookActionSchema).min(1).max(20),
  false_positives: z.array(z.string().min(1).max(300)).min(1),
});
export type RunbookFrontMatter = z.infer<typeof RunbookFrontMatterSchema>;

export const RunbookSchema = RunbookFrontMatterSchema.extend({
  /** The Markdown playbook after the front matter. */
  body: z.string().min(1),
  /** The file it was read from, for error messages. */
  file: z.string().min(1),
});
export type Runbook = z.infer<typeof RunbookSchema>;
