import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../src/domain/errors.js';
import { resolveWindow } from '../../../src/mcp-server/time-window.js';

const now = new Date('2026-11-22T12:00:00.000Z');
const HOUR = 3_600_000;

describe('resolveWindow', () => {
  it('defaults to the span before now', () => {
    expect(resolveWindow({}, { now, spanMs: 24 * HOUR })).toEqual({ from: '2026-11-21T12:00:00.000Z', to: '2026-11-22T12:00:00.000Z' });
  });

  it('pads an alert anchor on both sides, and lets a given end win', () => {
    const anchor = { from: '2026-11-18T10:00:00.000Z', to: '2026-11-18T10:30:00.000Z' };
    expect(resolveWindow({}, { now, spanMs: HOUR, anchor, padMs: HOUR })).toEqual({ from: '2026-11-18T09:00:00.000Z', to: '2026-11-18T11:30:00.000Z' });
    expect(resolveWindow({ to: '2026-11-18T10:45:00Z' }, { now, spanMs: HOUR, anchor, padMs: HOUR }).to).toBe('2026-11-18T10:45:00.000Z');
  });

  it('completes a half-open window with the default span', () => {
    expect(resolveWindow({ to: '2026-11-18T10:00:00Z' }, { now, spanMs: HOUR }).from).toBe('2026-11-18T09:00:00.000Z');
    expect(resolveWindow({ from: '2026-11-18T10:00:00Z' }, { now, spanMs: HOUR }).to).toBe('2026-11-18T11:00:00.000Z');
  });

  it('refuses a reversed window and one longer than 7 days, for the model to correct', () => {
    expect(() => resolveWindow({ from: '2026-11-18T10:00:00Z', to: '2026-11-18T09:00:00Z' }, { now, spanMs: HOUR })).toThrow(/must be before/);
    try {
      resolveWindow({ from: '2026-11-01T00:00:00Z', to: '2026-11-09T00:00:00Z' }, { now, spanMs: HOUR });
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(SocAgentError);
      expect(err).toMatchObject({ code: 'TOOL_INPUT_INVALID', message: 'the time window is 8.0 days; at most 7 days are searched at once, so narrow from/to' });
    }
  });
});
