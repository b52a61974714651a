import { z } from 'zod';
import type { EsClient } from './es-client.js';

export function detectionStateIndex(prefix: string): string {
  return `${prefix}-detection-state`;
}

const CheckpointSchema = z.object({ ruleId: z.string(), lastTo: z.iso.datetime(), updatedAt: z.iso.datetime() });

/** Where the last completed run of a rule ended; the next run starts there (minus the overlap). */
export async function loadCheckpoint(es: EsClient, prefix: string, ruleId: string): Promise<Date | undefined> {
  const response = await es.get<unknown>({ index: detectionStateIndex(prefix), id: ruleId }, { ignore: [404] });
  if (!response.found) return undefined;
  return new Date(CheckpointSchema.parse(response._source).lastTo);
}

/** Saved only after a run's alerts are stored, so a crash mid-run repeats the run rather than skipping it. */
export async function saveCheckpoint(es: EsClient, prefix: string, ruleId: string, lastTo: Date, now: Date): Promise<void> {
  await es.index({ index: detectionStateIndex(prefix), id: ruleId, document: { ruleId, lastTo: lastTo.toISOString(), updatedAt: now.toISOString() } });
}
