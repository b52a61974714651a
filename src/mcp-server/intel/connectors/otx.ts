import { z } from 'zod';
import type { LiveConnector, SourceResult } from '../source-result.js';
import { failedResult } from './failed-result.js';
import { fetchJson, type HttpOptions } from './fetch-json.js';

/** `GET /api/v1/indicators/IPv4/{ip}/general` of AlienVault OTX, the fields we read. */
export const OtxGeneralSchema = z.object({
  indicator: z.string(),
  asn: z.string().nullish(),
  country_code: z.string().nullish(),
  pulse_info: z.object({
    count: z.number().int().nonnegative(),
    pulses: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        tags: z.array(z.string()).nullish(),
        modified: z.string().nullish(),
        malware_families: z.array(z.union([z.string(), z.object({ display_name: z.string() })])).nullish(),
      }),
    ),
  }),
  validation: z.array(z.object({ source: z.string().nullish(), message: z.string().nullish(), name: z.string().nullish() })).nullish(),
  false_positive: z.array(z.unknown()).nullish(),
});
export type OtxGeneral = z.infer<typeof OtxGeneralSchema>;

/**
 * OTX gives no score: an address is in some number of community "pulses", and OTX's own validation may mark it as
 * known-good (a whitelist, a major provider). Being in many pulses is a stronger signal than being in one, so five
 * or more count as malicious, one to four as suspicious; the count itself is always shown.
 */
export function otxResult(general: OtxGeneral): SourceResult {
  const { count, pulses } = general.pulse_info;
  const validations = (general.validation ?? []).map((entry) => entry.message ?? entry.name ?? entry.source ?? 'validated');
  const tags = [...new Set(pulses.flatMap((pulse) => pulse.tags ?? []))].slice(0, 6);
  const families = [...new Set(pulses.flatMap((pulse) => (pulse.malware_families ?? []).map((family) => (typeof family === 'string' ? family : family.display_name))))].slice(0, 4);
  const reputation = validations.length > 0 ? 'benign' : count >= 5 ? 'malicious' : count >= 1 ? 'suspicious' : 'unknown';
  const names = pulses.slice(0, 3).map((pulse) => `"${pulse.name}"`);
  const lastSeen = pulses.map((pulse) => pulse.modified ?? '').sort().at(-1);
  return {
    source: 'otx',
    kind: 'live_service',
    // A validation (whitelist, major provider) is a statement about the address too, not silence.
    status: count > 0 || validations.length > 0 ? 'listed' : 'not_listed',
    reputation,
    categories: [...families, ...tags].slice(0, 8),
    summary: `OTX: in ${count} pulse${count === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')})` : ''}${validations.length ? `; validation: ${validations.slice(0, 2).join('; ')}` : ''}${general.asn ? `; ${general.asn}` : ''}`,
    references: pulses.slice(0, 5).map((pulse) => pulse.id),
    ...(lastSeen ? { lastSeen } : {}),
  };
}

export interface OtxOptions extends HttpOptions {
  apiKey: string;
  baseUrl: string;
}

export function createOtxConnector(options: OtxOptions): LiveConnector {
  return {
    name: 'otx',
    async lookup(ip) {
      const section = ip.includes(':') ? 'IPv6' : 'IPv4';
      const url = `${options.baseUrl.replace(/\/$/, '')}/api/v1/indicators/${section}/${encodeURIComponent(ip)}/general`;
      try {
        const body = await fetchJson('OTX', url, { headers: { 'X-OTX-API-KEY': options.apiKey, Accept: 'application/json' } }, options);
        return otxResult(OtxGeneralSchema.parse(body));
      } catch (err) {
        return failedResult('otx', err);
      }
    },
  };
}
