import { describe, expect, it } from 'vitest';
import { assistantTurn, ModelReplySchema, replyText, toolUses } from '../../../../src/analyst/claude/model-reply.js';

const reply = (content: unknown[]) =>
  ModelReplySchema.parse({ model: 'm', content, stop_reason: 'tool_use', usage: { input_tokens: 1, output_tokens: 1 } });

describe('model replies', () => {
  it('reads text and tool_use blocks and drops other kinds', () => {
    const parsed = reply([{ type: 'thinking', thinking: 'x' }, { type: 'text', text: 'a' }, { type: 'tool_use', id: 'tu_1', name: 'enrich_ip', input: { ip: '1.2.3.4' } }]);
    expect(replyText(parsed)).toBe('a');
    expect(toolUses(parsed)).toEqual([{ type: 'tool_use', id: 'tu_1', name: 'enrich_ip', input: { ip: '1.2.3.4' } }]);
    expect(assistantTurn(parsed).content).toHaveLength(2);
  });

  it('sends an empty reply back as a non-empty assistant turn, which the API requires', () => {
    expect(assistantTurn(reply([])).content).toEqual([{ type: 'text', text: '(empty reply)' }]);
  });

  it('rejects a response without usage', () => {
    expect(ModelReplySchema.safeParse({ model: 'm', content: [], stop_reason: null }).success).toBe(false);
  });
});
