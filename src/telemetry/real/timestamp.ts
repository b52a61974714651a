const SOURCE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A source time as the `@timestamp` our schemas accept (ISO 8601 in UTC, millisecond precision, which is all an
 * Elasticsearch `date` keeps). Times without a zone (`2020-10-18 07:50:06.220`, as some Windows exports write them)
 * are read as UTC: the files carry nothing better, and a fixed rule keeps re-ingestion stable.
 * Returns `undefined` for anything else, including impossible dates such as 2024-02-30.
 */
export function toIsoTimestamp(raw: string): string | undefined {
  const match = SOURCE_TIME.exec(raw.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return undefined;
  }
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Whether the day exists in that month (`Date` would silently roll 2024-02-30 over to March). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
