import { z } from 'zod';

/**
 * What one source says about an address. `unknown` is not `benign`: absence from a feed, or a source that could
 * not be asked, says nothing either way.
 */
export const ReputationSchema = z.enum(['malicious', 'suspicious', 'benign', 'unknown']);
export type Reputation = z.infer<typeof ReputationSchema>;

/** One entry of an offline feed that covers an address or a range, in the words of its feed. */
export const IndicatorSchema = z.object({
  feed: z.string(),
  /** The address or range as the feed lists it, e.g. `45.155.205.0/24`. */
  listed: z.string(),
  reputation: ReputationSchema,
  categories: z.array(z.string()),
  /** One line from the feed: a MISP event title, a STIX indicator name, a blocklist's own comment. */
  description: z.string(),
  /** The feed's id for the entry: a MISP event uuid, a STIX indicator id, an SBL number. */
  reference: z.string().optional(),
  /** 0–100, when the feed gives one. */
  confidence: z.number().min(0).max(100).optional(),
  lastSeen: z.string().optional(),
  /** After this time the feed itself no longer vouches for the entry (STIX `valid_until`). */
  validUntil: z.string().optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/** Orders reputations from worst to best, so a source with several entries reports its worst. */
export function worstReputation(reputations: readonly Reputation[]): Reputation {
  for (const level of ['malicious', 'suspicious', 'benign'] as const) {
    if (reputations.includes(level)) return level;
  }
  return 'unknown';
}
