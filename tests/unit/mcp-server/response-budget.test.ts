import { describe, expect, it } from 'vitest';
import { dropLast, fitToBudget, responseBytes } from '../../../src/mcp-server/response-budget.js';

const rows = (count: number) => ({ title: 'x', rows: Array.from({ length: count }, (_, i) => ({ id: `event-${i}`, summary: 'y'.repeat(80) })) });
type Rows = ReturnType<typeof rows>;
const render = (value: Rows) => `${value.rows.length} rows`;

describe('fitToBudget', () => {
  it('leaves a response that fits untouched', () => {
    const value = rows(2);
    expect(fitToBudget(value, 10_000, render, [dropLast<Rows, 'rows'>('rows')])).toEqual({ value, truncated: false, bytes: responseBytes(value, render(value)) });
  });

  it('drops rows from the end until the response fits, and says so', () => {
    const fitted = fitToBudget(rows(50), 2_000, render, [dropLast<Rows, 'rows'>('rows')]);
    expect(fitted.truncated).toBe(true);
    expect(fitted.bytes).toBeLessThanOrEqual(2_000);
    expect(fitted.value.rows[0]?.id).toBe('event-0');
    expect(responseBytes(fitted.value, render(fitted.value))).toBe(fitted.bytes);
    // one row more would not have fitted: nothing was dropped needlessly
    expect(responseBytes(rows(fitted.value.rows.length + 1), render(rows(fitted.value.rows.length + 1)))).toBeGreaterThan(2_000);
  });

  it('moves on to the next shrinker when one has nothing left, and stops when none has', () => {
    const value = { rows: [{ id: 'a' }], notes: 'n'.repeat(500) };
    type Value = typeof value;
    const shorten = (current: Value): Value | undefined => (current.notes.length > 10 ? { ...current, notes: current.notes.slice(0, current.notes.length / 2) } : undefined);
    const fitted = fitToBudget(value, 60, () => '', [dropLast<Value, 'rows'>('rows'), shorten]);
    expect(fitted.value.rows).toEqual([]);
    expect(fitted.value.notes.length).toBeLessThan(500);
    expect(fitToBudget(value, 1, () => '', [dropLast<Value, 'rows'>('rows'), shorten]).truncated).toBe(true);
  });

  it('counts bytes, not characters', () => {
    expect(responseBytes({ s: 'é' }, '€')).toBe(Buffer.byteLength('{"s":"é"}') + 3);
  });
});
