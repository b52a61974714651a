import { z } from 'zod';
import { ReputationSchema } from './indicator.js';

/** What one source said about an address, in a shape common to offline feeds and live services. */
export const SourceResultSchema = z.object({
  source: z.string(),
  kind: z.enum(['offline_feed', 'live_service']),
  /** `error`: the source could not be asked (timeout, refused key, bad answer); the others still count. */
  status: z.enum(['listed', 'not_listed', 'error']),
  reputation: ReputationSchema,
  /** The source's own 0–100 score or confidence, when it gives one; never computed across sources. */
  score: z.number().min(0).max(100).optional(),
  categories: z.array(z.string()),
  /** One line saying what the source said, in its terms. */
  summary: z.string(),
  /** The source's ids for what matched: MISP event uuids, STIX indicator ids, OTX pulse ids, SBL numbers. */
  references: z.array(z.string()),
  lastSeen: z.string().optional(),
  /** True when the answer came from the Redis cache rather than the service. */
  cached: z.boolean().optional(),
});
export type SourceResult = z.infer<typeof SourceResultSchema>;

/** A live threat-intel service. `lookup` never throws: a failure is a result with status `error`. */
export interface LiveConnector {
  name: string;
  lookup(ip: string): Promise<SourceResult>;
}

/** A small string cache (Redis in production); failures are the cache's to report, never the caller's. */
export interface ResultCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}
