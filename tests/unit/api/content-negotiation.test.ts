import { describe, expect, it } from 'vitest';
import { preferredType } from '../../../src/api/content-negotiation.js';

const OFFERED = ['application/json', 'text/markdown'];

describe('preferredType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['text/markdown', 'text/markdown'],
    ['text/markdown, application/json;q=0.5', 'text/markdown'],
    ['application/json, text/markdown', 'application/json'],
    ['text/*', 'text/markdown'],
    ['text/markdown;q=0.2, */*;q=0.9', 'application/json'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'application/json'],
  ])('answers %s with %s', (accept, expected) => {
    expect(preferredType(accept, OFFERED)).toBe(expected);
  });

  it('finds nothing when the client accepts none of the offered types', () => {
    expect(preferredType('image/png', OFFERED)).toBeUndefined();
    expect(preferredType('text/markdown;q=0, application/json;q=0', OFFERED)).toBeUndefined();
  });

  it('ignores malformed ranges instead of failing', () => {
    expect(preferredType('garbage;;, ;q=abc, text/markdown', OFFERED)).toBe('text/markdown');
  });
});
