import { z } from 'zod';
import { SocAgentError } from '../../../domain/errors.js';
import type { SourceResult } from '../source-result.js';

/** A source that could not answer still appears in the result, saying why, so silence is never read as "clean". */
export function failedResult(source: string, err: unknown): SourceResult {
  const reason =
    err instanceof SocAgentError ? err.message : err instanceof z.ZodError ? `${source} answered in an unexpected shape` : `${source} failed`;
  return { source, kind: 'live_service', status: 'error', reputation: 'unknown', categories: [], summary: reason, references: [] };
}
