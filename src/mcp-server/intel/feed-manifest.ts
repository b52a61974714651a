import { z } from 'zod';
import { ReputationSchema } from './indicator.js';

/** A path inside the intel folder: relative, no `..`, so a manifest cannot point the server at other files. */
const RelativePathSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/, { message: 'expected a relative path of letters, digits, _ . - and /' })
  .refine((value) => !value.split('/').includes('..'), { message: 'must not contain ..' });

const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'expected lowercase letters, digits and dashes' }),
  path: RelativePathSchema,
  description: z.string().min(1),
  /** Credit the data's licence asks for, shown with every answer that uses it. */
  attribution: z.string().optional(),
};

export const FeedSpecSchema = z.discriminatedUnion('format', [
  z.object({
    ...common,
    format: z.literal('blocklist'),
    /** What being listed means in this feed. */
    reputation: ReputationSchema,
    categories: z.array(z.string()),
  }),
  z.object({ ...common, format: z.literal('misp') }),
  z.object({ ...common, format: z.literal('stix') }),
  /** Not a threat feed: the IP → AS table, refreshed the same way. */
  z.object({ ...common, format: z.literal('ip2asn') }),
]);
export type FeedSpec = z.infer<typeof FeedSpecSchema>;

/** `intel/feeds.json`: the offline sources `enrich_ip` consults, in their public formats. */
export const FeedManifestSchema = z
  .object({ feeds: z.array(FeedSpecSchema) })
  .refine((manifest) => new Set(manifest.feeds.map((feed) => feed.name)).size === manifest.feeds.length, { message: 'feed names must be unique' })
  .refine((manifest) => manifest.feeds.filter((feed) => feed.format === 'ip2asn').length <= 1, { message: 'at most one ip2asn table' });
export type FeedManifest = z.infer<typeof FeedManifestSchema>;
