import { z } from 'zod';
import { AlertEntitiesSchema } from './alert.js';
import { DispositionSchema, EscalationTierSchema } from './verdict.js';

/**
 * The adaptive report: `dismissal` (confident benign: two lines), `review` (not sure: open questions and who looks
 * next), `incident` (malicious: timeline, evidence, entities, techniques, actions, rule credit).
 */
export const ReportShapeSchema = z.enum(['dismissal', 'review', 'incident']);
export type ReportShape = z.infer<typeof ReportShapeSchema>;

export const TimelineEntrySchema = z.object({
  at: z.string(),
  eventId: z.string(),
  action: z.string(),
  host: z.string().optional(),
  user: z.string().optional(),
  /** From the tool's sample row: log text, shown escaped, never followed. */
  summary: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const ReportBodySchema = z.object({
  investigationId: z.string(),
  alertId: z.string(),
  shape: ReportShapeSchema,
  disposition: DispositionSchema,
  confidence: z.number().min(0).max(1),
  escalationTier: EscalationTierSchema,
  escalationReason: z.string(),
  headline: z.string(),
  rationale: z.string(),
  rule: z.object({ id: z.string(), title: z.string(), author: z.string().optional(), license: z.string().optional() }),
  techniques: z.array(z.string()),
  tactics: z.array(z.string()),
  entities: AlertEntitiesSchema,
  firstSeen: z.string(),
  lastSeen: z.string(),
  runbook: z.object({ name: z.string(), version: z.string() }).optional(),
  signals: z.array(z.object({ id: z.string(), description: z.string(), weight: z.number() })),
  openQuestions: z.array(z.string()),
  recommendedAction: z.string(),
  responseActions: z.array(z.string()),
  timeline: z.array(TimelineEntrySchema),
  evidence: z.array(z.object({ id: z.string(), tool: z.string(), summary: z.string(), eventIds: z.array(z.string()) })),
  citedEventIds: z.array(z.string()),
  ungroundedClaims: z.number().int().min(0),
  degraded: z.boolean(),
  /** Why a degraded verdict rests on less than the runbook asked for, for the person reading it. */
  degradedReasons: z.array(z.string().max(300)).max(10).optional(),
});
export type ReportBody = z.infer<typeof ReportBodySchema>;

export const ReportSchema = z.object({ json: ReportBodySchema, markdown: z.string().min(1) });
export type Report = z.infer<typeof ReportSchema>;
