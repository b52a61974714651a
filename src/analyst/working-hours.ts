import { WorkingHoursSchema } from '../domain/organisation.js';

/**
 * Whether an instant falls inside a working-hours window (UTC; `start > end` wraps past midnight; weekdays only when
 * asked). Undefined when `hours` is not a working-hours object or `iso` not a time: the caller cannot tell.
 */
export function isWithinHours(hours: unknown, iso: unknown): boolean | undefined {
  const parsed = WorkingHoursSchema.safeParse(hours);
  if (!parsed.success || typeof iso !== 'string') return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const at = new Date(ms);
  const { start, end, weekdaysOnly } = parsed.data;
  const day = at.getUTCDay();
  if (weekdaysOnly && (day === 0 || day === 6)) return false;
  const hour = at.getUTCHours();
  if (start === end) return true;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}
