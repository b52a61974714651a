import { z } from 'zod';
import { worstReputation, type Reputation } from '../indicator.js';
import { parseIpRange } from '../ip-address.js';
import type { ParsedFeed } from './parsed-feed.js';

const IndicatorObjectSchema = z.object({
  type: z.literal('indicator'),
  id: z.string(),
  pattern: z.string(),
  pattern_type: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  indicator_types: z.array(z.string()).optional(),
  labels: z.array(z.string()).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  valid_from: z.string().optional(),
  valid_until: z.string().optional(),
  modified: z.string().optional(),
  created_by_ref: z.string().optional(),
  revoked: z.boolean().optional(),
});

const IdentityObjectSchema = z.object({ type: z.literal('identity'), id: z.string(), name: z.string() });

/** A STIX 2.1 bundle; objects other than indicators and identities are kept opaque and ignored. */
export const StixBundleSchema = z.object({
  type: z.literal('bundle'),
  id: z.string(),
  objects: z.array(z.looseObject({ type: z.string(), id: z.string() })),
});

const COMPARISON = /(ipv4-addr|ipv6-addr):value\s*(=|ISSUBSET)\s*'((?:[^'\\]|\\.)*)'/g;

/**
 * The addresses an indicator's pattern stands for, when it stands for a plain set of addresses: one or more
 * `ipv4-addr:value = '…'` / `ISSUBSET '…/nn'` comparisons joined by OR, in one or more observations joined by OR.
 * Any other pattern (AND, FOLLOWEDBY, other object types, qualifiers) describes more than an address, so it yields
 * nothing rather than a wrong match.
 */
export function addressesOfPattern(pattern: string): string[] | undefined {
  const values = [...pattern.matchAll(COMPARISON)].map((match) => (match[3] ?? '').replace(/\\(.)/g, '$1'));
  if (values.length === 0) return undefined;
  const rest = pattern.replace(COMPARISON, ' ').replace(/[[\]()]/g, ' ').replace(/\bOR\b/g, ' ').trim();
  return rest === '' ? values : undefined;
}

/**
 * STIX indicator types, from the STIX 2.1 indicator-type vocabulary. Where an indicator has several, the worst
 * counts; `labels` is read too since STIX 2.0 producers put the types there.
 */
function reputationOf(types: readonly string[]): Reputation {
  const mapped = types.map((type): Reputation => {
    if (type === 'benign') return 'benign';
    if (type === 'anonymization' || type === 'anomalous-activity') return 'suspicious';
    if (type === 'malicious-activity' || type === 'compromised' || type === 'attribution') return 'malicious';
    return 'unknown';
  });
  return worstReputation(mapped);
}

/** The address indicators of a STIX 2.1 bundle; revoked indicators and non-address patterns are skipped. */
export function parseStixBundle(bundle: z.infer<typeof StixBundleSchema>, feed: string): ParsedFeed {
  const identities = new Map<string, string>();
  for (const object of bundle.objects) {
    const identity = IdentityObjectSchema.safeParse(object);
    if (identity.success) identities.set(identity.data.id, identity.data.name);
  }
  const entries: ParsedFeed['entries'] = [];
  let skipped = 0;
  for (const object of bundle.objects) {
    if (object.type !== 'indicator') continue;
    const parsed = IndicatorObjectSchema.safeParse(object);
    const addresses = parsed.success && !parsed.data.revoked && (parsed.data.pattern_type ?? 'stix') === 'stix' ? addressesOfPattern(parsed.data.pattern) : undefined;
    if (!parsed.success || !addresses) {
      skipped += 1;
      continue;
    }
    const indicator = parsed.data;
    const types = [...(indicator.indicator_types ?? []), ...(indicator.labels ?? [])];
    const author = indicator.created_by_ref ? identities.get(indicator.created_by_ref) : undefined;
    const description = [indicator.name ?? 'STIX indicator', indicator.description].filter(Boolean).join(': ');
    for (const address of addresses) {
      const range = parseIpRange(address);
      if (!range) {
        skipped += 1;
        continue;
      }
      entries.push({
        range,
        indicator: {
          feed,
          listed: range.text,
          reputation: reputationOf(types),
          categories: types,
          description: author ? `${description} (STIX indicator by ${author})` : `${description} (STIX indicator)`,
          reference: indicator.id,
          ...(indicator.confidence === undefined ? {} : { confidence: indicator.confidence }),
          ...(indicator.modified ? { lastSeen: indicator.modified } : {}),
          ...(indicator.valid_until ? { validUntil: indicator.valid_until } : {}),
        },
      });
    }
  }
  return { entries, skipped };
}
