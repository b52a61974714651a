import { z } from 'zod';
import type { LiveConnector, SourceResult } from '../source-result.js';
import { fetchJson, type HttpOptions } from './fetch-json.js';
import { failedResult } from './failed-result.js';

/** `GET /api/v2/check` (https://docs.abuseipdb.com/#check-endpoint), the fields we read. */
export const AbuseIpDbCheckSchema = z.object({
  data: z.object({
    ipAddress: z.string(),
    isPublic: z.boolean().nullish(),
    isWhitelisted: z.boolean().nullish(),
    abuseConfidenceScore: z.number().min(0).max(100),
    countryCode: z.string().nullish(),
    usageType: z.string().nullish(),
    isp: z.string().nullish(),
    domain: z.string().nullish(),
    isTor: z.boolean().nullish(),
    totalReports: z.number().int().nonnegative(),
    numDistinctUsers: z.number().int().nonnegative().nullish(),
    lastReportedAt: z.string().nullish(),
  }),
});
export type AbuseIpDbCheck = z.infer<typeof AbuseIpDbCheckSchema>;

/**
 * AbuseIPDB's confidence score is its own 0–100 judgement from community reports; its documentation suggests
 * blocking from 75 up and 25 as the point where an address is worth a look, and those are the bands used here.
 */
export function abuseIpDbResult(check: AbuseIpDbCheck): SourceResult {
  const { data } = check;
  const score = data.abuseConfidenceScore;
  const listed = data.totalReports > 0 || data.isWhitelisted === true;
  const reputation = data.isWhitelisted ? 'benign' : score >= 75 ? 'malicious' : score >= 25 ? 'suspicious' : 'unknown';
  const facts = [
    `confidence ${score}/100 from ${data.totalReports} reports${data.numDistinctUsers ? ` by ${data.numDistinctUsers} users` : ''}`,
    data.isWhitelisted ? 'whitelisted' : undefined,
    data.isTor ? 'Tor exit' : undefined,
    data.usageType ?? undefined,
    data.isp ? `ISP ${data.isp}` : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  return {
    source: 'abuseipdb',
    kind: 'live_service',
    status: listed ? 'listed' : 'not_listed',
    reputation,
    score,
    categories: [...(data.isTor ? ['tor-exit'] : []), ...(data.usageType ? [data.usageType] : [])],
    summary: `AbuseIPDB: ${facts.join(', ')}`,
    references: [],
    ...(data.lastReportedAt ? { lastSeen: data.lastReportedAt } : {}),
  };
}

export interface AbuseIpDbOptions extends HttpOptions {
  apiKey: string;
  baseUrl: string;
  /** Reports older than this are ignored by the service. @defaultValue 90 */
  maxAgeInDays?: number;
}

export function createAbuseIpDbConnector(options: AbuseIpDbOptions): LiveConnector {
  return {
    name: 'abuseipdb',
    async lookup(ip) {
      const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/check`);
      url.searchParams.set('ipAddress', ip);
      url.searchParams.set('maxAgeInDays', String(options.maxAgeInDays ?? 90));
      try {
        const body = await fetchJson('AbuseIPDB', url.toString(), { headers: { Key: options.apiKey, Accept: 'application/json' } }, options);
        return abuseIpDbResult(AbuseIpDbCheckSchema.parse(body));
      } catch (err) {
        return failedResult('abuseipdb', err);
      }
    },
  };
}
