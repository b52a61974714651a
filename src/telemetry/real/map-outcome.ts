import type { z } from 'zod';
import { SCHEMA_BY_DATASET, type TelemetryEvent } from '../telemetry-event.js';

/**
 * What became of one source record. Every record read has exactly one outcome, so read = mapped + skipped +
 * malformed. `skipped` is a record we know and deliberately leave out (a channel we do not map, a syslog line that
 * is no authentication); `malformed` is a record we could not turn into a valid document. Both are explained by
 * their `reason`, which is a short, stable phrase so that equal reasons can be counted together.
 */
export type MapOutcome =
  | { kind: 'mapped'; event: TelemetryEvent }
  | { kind: 'skipped'; reason: string }
  | { kind: 'malformed'; reason: string };

export const skipped = (reason: string): MapOutcome => ({ kind: 'skipped', reason });
export const malformed = (reason: string): MapOutcome => ({ kind: 'malformed', reason });

/**
 * The last gate before a document may be ingested: it must parse with the schema of its own data stream. The
 * parsed value is what goes on, so the document holds exactly what the schema describes.
 */
export function validateEvent(candidate: TelemetryEvent): MapOutcome {
  const parsed = SCHEMA_BY_DATASET[candidate.data_stream.dataset].safeParse(candidate);
  if (parsed.success) return { kind: 'mapped', event: parsed.data };
  return malformed(`schema: ${describeIssues(parsed.error.issues)}`);
}

/** The first issues of a zod error as `path: message`, joined; enough to find the field, short enough to print. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  const more = issues.length > limit ? `; and ${issues.length - limit} more` : '';
  return shown.join('; ') + more;
}

/** What a mapper knows about where a record came from. */
export interface MapContext {
  /** Namespace of the data streams the document goes to. */
  namespace: string;
  /** The file's name, without its folder: part of the event id of records that carry no record number of their own. */
  fileName: string;
  /** Line (1-based) where the record starts in its file. */
  line: number;
  /** Position (1-based) of the record among several on the same line (a JSON array or `Records` list on one line). */
  index?: number;
  /** The record as the source wrote it; becomes `event.original`. */
  original: string;
}
