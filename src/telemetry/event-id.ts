import { createHash } from 'node:crypto';

/**
 * A stable event id from the parts that identify an event (source, file, record number, seed, sequence…).
 * The same parts always give the same id, so re-ingesting a file or re-generating a seed adds no duplicates.
 * 20 base64url characters (120 bits): no collisions in practice, and short enough to cite in a report.
 */
export function eventId(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('base64url').slice(0, 20);
}
