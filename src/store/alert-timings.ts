import { z } from 'zod';
import type { EsClient } from './es-client.js';
import { alertIndex } from './alert-store.js';

/** When an alert's first matched event happened and when the alert was raised. */
export const AlertTimingSchema = z.object({ firstSeen: z.iso.datetime(), createdAt: z.iso.datetime() });
export type AlertTiming = z.infer<typeof AlertTimingSchema>;

/** The newest `size` alerts' timings, for the detection latency metric. */
export async function fetchRecentAlertTimings(es: EsClient, prefix: string, size: number): Promise<AlertTiming[]> {
  const response = await es.search<unknown>(
    { index: alertIndex(prefix), size, sort: [{ createdAt: 'desc' }], _source: ['firstSeen', 'createdAt'] },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).map((hit) => AlertTimingSchema.parse(hit._source));
}
