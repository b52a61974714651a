import { describe, expect, it } from 'vitest';
import { DecisionInputSchema } from '../../../src/domain/decision.js';

const valid = { verdict: 'benign', note: 'The admin confirmed the change ticket.', who: 'dana.s' };

describe('DecisionInputSchema', () => {
  it('accepts a verdict, a note and who, trimmed', () => {
    expect(DecisionInputSchema.parse({ ...valid, who: '  dana.s ' })).toEqual(valid);
  });

  it('accepts right-to-left text and line breaks in a note', () => {
    expect(DecisionInputSchema.safeParse({ ...valid, note: 'שלום\u200f\nline two' }).success).toBe(true);
  });

  it.each([
    ['an unknown verdict', { verdict: 'harmless' }, 'verdict'],
    ['an empty note', { note: '   ' }, 'note'],
    ['a NUL in the note', { note: 'a\u0000b' }, 'note'],
    ['a lone surrogate in the note', { note: 'a\ud800b' }, 'note'],
    ['a bidi override in who', { who: 'dana\u202Egpj.exe' }, 'who'],
    ['a line break in who', { who: 'dana\nroot' }, 'who'],
    ['who too long', { who: 'x'.repeat(101) }, 'who'],
    ['a note too long', { note: 'x'.repeat(2_001) }, 'note'],
    ['an unknown field', { agentVerdict: 'benign' }, ''],
    ['an investigation id that is not one', { investigationId: '../etc/passwd' }, 'investigationId'],
  ])('refuses %s, naming the field', (_label, change, field) => {
    const result = DecisionInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(field);
  });
});
