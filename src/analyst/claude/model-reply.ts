import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';

/**
 * The part of a Messages API response the analyst reads, checked at the edge: the SDK types the response but
 * does not validate it, and a proxy or a fault can send anything.
 */
const TextBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
const ToolUseBlockSchema = z.object({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string(), input: z.unknown() });
/** Thinking and other block kinds are not used by the analyst and are dropped. */
const OtherBlockSchema = z.looseObject({ type: z.string() });

export const ModelReplySchema = z.object({
  model: z.string(),
  content: z.array(z.union([TextBlockSchema, ToolUseBlockSchema, OtherBlockSchema])),
  stop_reason: z.string().nullable(),
  usage: z.object({
    input_tokens: z.number().int().min(0),
    output_tokens: z.number().int().min(0),
    cache_creation_input_tokens: z.number().int().min(0).nullish(),
    cache_read_input_tokens: z.number().int().min(0).nullish(),
  }),
});
export type ModelReply = z.infer<typeof ModelReplySchema>;
export type ToolUseBlock = z.infer<typeof ToolUseBlockSchema>;

/** The reply's text blocks, joined. */
export function replyText(reply: ModelReply): string {
  return reply.content.flatMap((block) => (block.type === 'text' && 'text' in block && typeof block.text === 'string' ? [block.text] : [])).join('\n');
}

export function toolUses(reply: ModelReply): ToolUseBlock[] {
  return reply.content.flatMap((block) => {
    const parsed = ToolUseBlockSchema.safeParse(block);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The reply as the assistant turn to send back: its text and tool_use blocks, in order. */
export function assistantTurn(reply: ModelReply): Anthropic.Messages.MessageParam {
  const content: Anthropic.Messages.ContentBlockParam[] = reply.content.flatMap((block): Anthropic.Messages.ContentBlockParam[] => {
    const text = TextBlockSchema.safeParse(block);
    if (text.success) return text.data.text.length > 0 ? [{ type: 'text', text: text.data.text }] : [];
    const use = ToolUseBlockSchema.safeParse(block);
    return use.success ? [{ type: 'tool_use', id: use.data.id, name: use.data.name, input: use.data.input }] : [];
  });
  // The API refuses an empty assistant turn; an empty reply is still a turn the model must be told about.
  return { role: 'assistant', content: content.length > 0 ? content : [{ type: 'text', text: '(empty reply)' }] };
}
