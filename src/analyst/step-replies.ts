import { z } from 'zod';
import { JsonValueSchema, ToolNameSchema } from '../domain/evidence.js';
import { ClassificationSchema, SummarySchema } from '../domain/investigation.js';
import type { Step } from '../domain/step.js';
import { DispositionSchema, EscalationTierSchema } from '../domain/verdict.js';

/** What the model must answer at each step; every reply is checked with `parseReply` before it is used. */

export const ClassifyReplySchema = ClassificationSchema;
export type ClassifyReply = z.infer<typeof ClassifyReplySchema>;

export const SelectRunbookReplySchema = z.object({
  runbook: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  rationale: z.string().min(1).max(1_000),
});
export type SelectRunbookReply = z.infer<typeof SelectRunbookReplySchema>;

export const InvestigateReplySchema = z.object({
  calls: z
    .array(
      z.object({
        stepId: z.string().max(40).optional(),
        tool: ToolNameSchema,
        arguments: z.record(z.string(), JsonValueSchema),
        purpose: z.string().min(1).max(300),
      }),
    )
    .max(12),
  /** True when the evidence answers the runbook's questions and no more calls are needed. */
  done: z.boolean(),
  notes: z.string().max(2_000),
});
export type InvestigateReply = z.infer<typeof InvestigateReplySchema>;

export const AssessReplySchema = z
  .object({
    disposition: DispositionSchema,
    confidence: z.number().min(0).max(1),
    rationale: z.string().min(1).max(4_000),
    /** The runbook's signals as the model judged them, with the event ids each rests on. */
    signals: z.array(z.object({ id: z.string(), fired: z.boolean(), eventIds: z.array(z.string()).max(20) })).max(40),
    citedEventIds: z.array(z.string()).max(50),
    escalationTier: EscalationTierSchema,
    escalationReason: z.string().max(500),
  })
  .refine((reply) => reply.disposition === 'benign' || reply.citedEventIds.length >= 1, {
    message: 'a suspicious or malicious verdict must cite at least one event id returned by a tool',
    path: ['citedEventIds'],
  });
export type AssessReply = z.infer<typeof AssessReplySchema>;

export const SummarizeReplySchema = SummarySchema;
export type SummarizeReply = z.infer<typeof SummarizeReplySchema>;

export const RespondReplySchema = z.object({
  /** Ids of the runbook's allowed actions; any other id is refused. */
  actions: z.array(z.object({ id: z.string().min(1), reason: z.string().min(1).max(300) })).max(10),
  recommendedAction: z.string().min(1).max(500),
});
export type RespondReply = z.infer<typeof RespondReplySchema>;

export const STEP_REPLY_SCHEMAS = {
  classify: ClassifyReplySchema,
  select_runbook: SelectRunbookReplySchema,
  investigate: InvestigateReplySchema,
  assess: AssessReplySchema,
  summarize: SummarizeReplySchema,
  respond: RespondReplySchema,
} as const satisfies Record<Step, z.ZodType>;
