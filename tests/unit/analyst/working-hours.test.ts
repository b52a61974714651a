import { describe, expect, it } from 'vitest';
import { isWithinHours } from '../../../src/analyst/working-hours.js';

describe('isWithinHours', () => {
  const office = { start: 8, end: 17, weekdaysOnly: true };
  const night = { start: 22, end: 4, weekdaysOnly: false };

  it('includes the start hour and excludes the end hour', () => {
    expect(isWithinHours(office, '2026-11-18T08:00:00Z')).toBe(true);
    expect(isWithinHours(office, '2026-11-18T16:59:59Z')).toBe(true);
    expect(isWithinHours(office, '2026-11-18T17:00:00Z')).toBe(false);
  });

  it('wraps past midnight when start is after end', () => {
    expect(isWithinHours(night, '2026-11-18T23:30:00Z')).toBe(true);
    expect(isWithinHours(night, '2026-11-18T03:30:00Z')).toBe(true);
    expect(isWithinHours(night, '2026-11-18T12:00:00Z')).toBe(false);
  });

  it('covers the whole day for 0 to 24', () => {
    expect(isWithinHours({ start: 0, end: 24, weekdaysOnly: false }, '2026-11-22T23:59:00Z')).toBe(true);
  });

  it('is undefined when the hours or the time cannot be read', () => {
    expect(isWithinHours({ start: 'eight' }, '2026-11-18T08:00:00Z')).toBeUndefined();
    expect(isWithinHours(office, 'yesterday')).toBeUndefined();
    expect(isWithinHours(office, 42)).toBeUndefined();
  });
});
