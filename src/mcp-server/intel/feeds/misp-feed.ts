import { z } from 'zod';
import type { Reputation } from '../indicator.js';
import { parseIpRange } from '../ip-address.js';
import type { ParsedFeed } from './parsed-feed.js';

/**
 * The MISP feed format: a folder (or URL) with `manifest.json`, mapping each event uuid to a summary of the event,
 * and one `<uuid>.json` per event holding `{ "Event": { …, "Attribute": [...], "Object": [...] } }`. MISP writes
 * numbers as strings (`"threat_level_id": "2"`, timestamps), so both are accepted.
 */
const NumberLike = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const TagSchema = z.object({ name: z.string() });

export const MispManifestSchema = z.record(
  // The key names the event's file, so it must look like a uuid and nothing else (no path separators).
  z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/),
  z.object({
    info: z.string(),
    threat_level_id: NumberLike.optional(),
    timestamp: NumberLike.optional(),
    date: z.string().optional(),
    Orgc: z.object({ name: z.string() }).optional(),
    Tag: z.array(TagSchema).optional(),
  }),
);
export type MispManifest = z.infer<typeof MispManifestSchema>;

const MispAttributeSchema = z.object({
  type: z.string(),
  value: z.string(),
  category: z.string().optional(),
  to_ids: z.boolean().optional(),
  comment: z.string().optional(),
  timestamp: NumberLike.optional(),
  uuid: z.string().optional(),
  Tag: z.array(TagSchema).optional(),
});

export const MispEventSchema = z.object({
  Event: z.object({
    uuid: z.string(),
    info: z.string(),
    date: z.string().optional(),
    threat_level_id: NumberLike.optional(),
    timestamp: NumberLike.optional(),
    Orgc: z.object({ name: z.string() }).optional(),
    Tag: z.array(TagSchema).optional(),
    Attribute: z.array(MispAttributeSchema).optional(),
    Object: z.array(z.object({ name: z.string().optional(), Attribute: z.array(MispAttributeSchema).optional() })).optional(),
  }),
});
export type MispEvent = z.infer<typeof MispEventSchema>;

/** Attribute types whose value is, or starts or ends with, an address. */
const IP_TYPES: Readonly<Record<string, (value: string) => string | undefined>> = {
  'ip-src': (value) => value,
  'ip-dst': (value) => value,
  'ip-src|port': (value) => value.split('|')[0],
  'ip-dst|port': (value) => value.split('|')[0],
  'domain|ip': (value) => value.split('|')[1],
};

/**
 * MISP threat levels are 1 high, 2 medium, 3 low, 4 undefined. An attribute with `to_ids: false` was shared as
 * context, not for detection (a Tor exit seen in an incident, a victim's address), so it is at most suspicious.
 */
function reputationOf(threatLevel: number | undefined, toIds: boolean | undefined): Reputation {
  if (threatLevel === undefined || threatLevel === 4) return 'unknown';
  if (toIds === false || threatLevel === 3) return 'suspicious';
  return 'malicious';
}

const THREAT_LEVEL_NAMES: Readonly<Record<number, string>> = { 1: 'high', 2: 'medium', 3: 'low', 4: 'undefined' };

/** The address attributes of one MISP event, top-level and inside objects. */
export function parseMispEvent(event: MispEvent, feed: string): ParsedFeed {
  const { Event: body } = event;
  const attributes = [...(body.Attribute ?? []), ...(body.Object ?? []).flatMap((object) => object.Attribute ?? [])];
  const eventTags = (body.Tag ?? []).map((tag) => tag.name);
  const entries: ParsedFeed['entries'] = [];
  let skipped = 0;
  for (const attribute of attributes) {
    const extract = IP_TYPES[attribute.type];
    if (!extract) {
      skipped += 1;
      continue;
    }
    const range = parseIpRange(extract(attribute.value) ?? '');
    if (!range) {
      skipped += 1;
      continue;
    }
    const level = body.threat_level_id;
    const levelName = level === undefined ? 'unset' : (THREAT_LEVEL_NAMES[level] ?? String(level));
    const comment = attribute.comment ? ` — ${attribute.comment}` : '';
    const seconds = attribute.timestamp ?? body.timestamp;
    entries.push({
      range,
      indicator: {
        feed,
        listed: range.text,
        reputation: reputationOf(level, attribute.to_ids),
        categories: [...new Set([...(attribute.category ? [attribute.category] : []), ...eventTags, ...(attribute.Tag ?? []).map((tag) => tag.name)])].slice(0, 6),
        description: `${body.info} (MISP event, threat level ${levelName}${attribute.to_ids === false ? ', not for detection' : ''}${body.Orgc ? `, by ${body.Orgc.name}` : ''})${comment}`,
        reference: body.uuid,
        ...(seconds === undefined ? {} : { lastSeen: new Date(seconds * 1000).toISOString() }),
      },
    });
  }
  return { entries, skipped };
}
