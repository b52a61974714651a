import { z } from 'zod';

/** The MCP server's tools: the only way an analyst learns anything about an alert. */
export const ToolNameSchema = z.enum(['list_alerts', 'get_alert', 'search_events', 'get_entity_context', 'enrich_ip', 'get_runbook', 'get_timeline']);
export type ToolName = z.infer<typeof ToolNameSchema>;

export const JsonValueSchema = z.json();
export type JsonValue = z.infer<typeof JsonValueSchema>;

/** Largest `data` kept per Evidence, in bytes of JSON: one tool response fits, a whole index does not. */
export const EVIDENCE_DATA_MAX_BYTES = 16_384;

/** Most event ids one Evidence carries; a tool returns at most a few dozen sample rows. */
export const EVIDENCE_EVENT_IDS_MAX = 200;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/**
 * One fact with its source: which tool was asked what, what it answered, and the event ids (ES `_id`s) in the
 * answer. Those ids are the only ones a Verdict may cite. `data` is the tool's structured output, bounded; its
 * strings come from logs and may carry text an attacker wrote, so it is data and never an instruction.
 */
export const EvidenceSchema = z.object({
  id: z.string().regex(/^ev-[A-Za-z0-9_-]{1,64}$/),
  /** The runbook step that asked for it; absent when the analyst asked on its own. */
  stepId: z.string().min(1).max(40).optional(),
  tool: ToolNameSchema,
  arguments: z.record(z.string(), JsonValueSchema),
  /** One line for the report, written by our code from the tool's counts, never copied from a log field. */
  summary: z.string().max(500),
  eventIds: z.array(z.string().min(1).max(128)).max(EVIDENCE_EVENT_IDS_MAX),
  data: JsonValueSchema.refine((value) => jsonBytes(value) <= EVIDENCE_DATA_MAX_BYTES, { message: `data is larger than ${EVIDENCE_DATA_MAX_BYTES} bytes of JSON` }),
  /** True when `data` was cut to fit the bound (or the tool itself said it dropped rows). */
  truncated: z.boolean(),
  collectedAt: z.iso.datetime(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
