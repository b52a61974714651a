import type { WorkingHours } from '../src/domain/organisation.js';

/** Whether `hour` (UTC) falls in a working-hours window, which may wrap past midnight. */
export function inHours(hours: WorkingHours, time: Date): boolean {
  const day = time.getUTCDay();
  if (hours.weekdaysOnly && (day === 0 || day === 6)) return false;
  const hour = time.getUTCHours();
  return hours.start <= hours.end ? hour >= hours.start && hour < hours.end : hour >= hours.start || hour < hours.end;
}

/**
 * How busy a person is in the hour starting at `time`, from 0 to 1: a working day ramps up, dips at lunch and
 * winds down; outside their hours there is only a trickle of background activity.
 */
export function activityLevel(hours: WorkingHours, time: Date): number {
  if (!inHours(hours, time)) return 0.03;
  const hour = time.getUTCHours();
  const span = (hours.end - hours.start + 24) % 24 || 24;
  const position = ((hour - hours.start + 24) % 24) / span;
  if (position < 0.1) return 0.6;
  if (position > 0.45 && position < 0.55) return 0.55;
  if (position > 0.9) return 0.5;
  return 1;
}
