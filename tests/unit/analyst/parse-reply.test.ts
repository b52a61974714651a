import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../src/analyst/parse-reply.js';
import { AssessReplySchema, ClassifyReplySchema, RespondReplySchema } from '../../../src/analyst/step-replies.js';

const classify = { category: 'brute-force', confidence: 0.9, rationale: 'Tagged T1110.001.' };

describe('parseReply', () => {
  it('reads a reply that is exactly the JSON object', () => {
    expect(parseReply(ClassifyReplySchema, JSON.stringify(classify))).toEqual({ ok: true, value: classify });
  });

  it('finds the JSON in a fenced block or in prose', () => {
    expect(parseReply(ClassifyReplySchema, `Here you go:\n\`\`\`json\n${JSON.stringify(classify)}\n\`\`\`\nDone.`)).toEqual({ ok: true, value: classify });
    expect(parseReply(ClassifyReplySchema, `Sure. ${JSON.stringify(classify)} Hope it helps {not json}.`)).toEqual({ ok: true, value: classify });
  });

  it('is not fooled by braces inside strings', () => {
    const tricky = { ...classify, rationale: 'A "}" and a "{" in text.' };
    expect(parseReply(ClassifyReplySchema, `prefix ${JSON.stringify(tricky)}`)).toEqual({ ok: true, value: tricky });
  });

  it('returns the issues with their paths when the JSON does not fit the schema', () => {
    const result = parseReply(ClassifyReplySchema, JSON.stringify({ ...classify, confidence: 3, category: 'guess' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.some((issue) => issue.startsWith('confidence:'))).toBe(true);
      expect(result.issues.some((issue) => issue.startsWith('category:'))).toBe(true);
    }
  });

  it('refuses a malicious verdict that cites nothing', () => {
    const reply = { disposition: 'malicious', confidence: 0.9, rationale: 'x', signals: [], citedEventIds: [], escalationTier: 'tier2', escalationReason: 'x' };
    const result = parseReply(AssessReplySchema, JSON.stringify(reply));
    expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/^citedEventIds: a suspicious or malicious verdict must cite/)] });
  });

  it('says there is no JSON in an empty or garbage reply', () => {
    for (const garbage of ['', 'I think it is benign.', '{"unterminated": ', '```json\nnot json\n```']) {
      expect(parseReply(RespondReplySchema, garbage)).toEqual({ ok: false, issues: ['the reply holds no JSON object; answer with one JSON object only'] });
    }
  });

  it('takes the first object that fits when several are present', () => {
    const reply = `${JSON.stringify({ wrong: true })}\n${JSON.stringify(classify)}`;
    expect(parseReply(ClassifyReplySchema, reply)).toEqual({ ok: true, value: classify });
  });
});
