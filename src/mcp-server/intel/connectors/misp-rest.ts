import { z } from 'zod';
import type { LiveConnector, SourceResult } from '../source-result.js';
import { failedResult } from './failed-result.js';
import { fetchJson, type HttpOptions } from './fetch-json.js';

/** `POST /attributes/restSearch` with `returnFormat: json`, the fields we read. */
export const MispRestSearchSchema = z.object({
  response: z.object({
    Attribute: z.array(
      z.object({
        type: z.string(),
        value: z.string(),
        category: z.string().nullish(),
        to_ids: z.boolean().nullish(),
        timestamp: z.union([z.string(), z.number()]).nullish(),
        comment: z.string().nullish(),
        Event: z.object({ uuid: z.string(), info: z.string() }).nullish(),
        Tag: z.array(z.object({ name: z.string() })).nullish(),
      }),
    ),
  }),
});
export type MispRestSearch = z.infer<typeof MispRestSearchSchema>;

/** Attributes flagged `to_ids` are meant for detection (malicious); the rest were shared as context (suspicious). */
export function mispRestResult(search: MispRestSearch): SourceResult {
  const attributes = search.response.Attribute;
  const events = new Map<string, string>();
  for (const attribute of attributes) if (attribute.Event) events.set(attribute.Event.uuid, attribute.Event.info);
  const timestamps = attributes.map((attribute) => Number(attribute.timestamp ?? 0)).filter((seconds) => seconds > 0);
  const newest = timestamps.length ? Math.max(...timestamps) : undefined;
  const reputation = attributes.length === 0 ? 'unknown' : attributes.some((attribute) => attribute.to_ids) ? 'malicious' : 'suspicious';
  const titles = [...events.values()].slice(0, 3).map((info) => `"${info}"`);
  return {
    source: 'misp',
    kind: 'live_service',
    status: attributes.length > 0 ? 'listed' : 'not_listed',
    reputation,
    categories: [...new Set(attributes.flatMap((attribute) => [...(attribute.category ? [attribute.category] : []), ...(attribute.Tag ?? []).map((tag) => tag.name)]))].slice(0, 6),
    summary: attributes.length === 0 ? 'MISP: no attribute with this value' : `MISP: ${attributes.length} attribute${attributes.length === 1 ? '' : 's'} in ${events.size} event${events.size === 1 ? '' : 's'} (${titles.join(', ')})`,
    references: [...events.keys()].slice(0, 5),
    ...(newest ? { lastSeen: new Date(newest * 1000).toISOString() } : {}),
  };
}

export interface MispRestOptions extends HttpOptions {
  apiKey: string;
  baseUrl: string;
}

export function createMispRestConnector(options: MispRestOptions): LiveConnector {
  return {
    name: 'misp',
    async lookup(ip) {
      const url = `${options.baseUrl.replace(/\/$/, '')}/attributes/restSearch`;
      const body = { returnFormat: 'json', value: ip, type: ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain|ip'], limit: 50, includeEventTags: true };
      try {
        const answer = await fetchJson(
          'MISP',
          url,
          { method: 'POST', headers: { Authorization: options.apiKey, Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
          options,
        );
        return mispRestResult(MispRestSearchSchema.parse(answer));
      } catch (err) {
        return failedResult('misp', err);
      }
    },
  };
}
