import { z } from 'zod';
import { parseIp } from '../intel/ip-address.js';
import { IpEnrichmentSchema } from '../intel/ip-enrichment.js';
import { SocAgentError } from '../../domain/errors.js';
import type { ToolDeps } from '../tool-deps.js';
import { IpSchema } from '../tool-inputs.js';

export const name = 'enrich_ip';
export const title = 'Threat intel for an address';
export const description =
  'Threat intel for one IP address, source by source: offline feeds (MISP feed, STIX 2.1 indicators, Tor exit and DROP-style lists), GeoIP (GeoLite2) and ASN, and live services (AbuseIPDB, OTX, MISP) when configured. Each source says what it says; disagreements are shown, never averaged. Internal and private addresses are answered from the organisation inventory and never sent outside.';
export const openWorld = true;

export const inputSchema = z.strictObject({
  ip: IpSchema.describe('One IPv4 or IPv6 address (no CIDR, no port).'),
});
type Input = z.output<typeof inputSchema>;

export const outputSchema = IpEnrichmentSchema.extend({ truncated: z.boolean() });
type Output = z.output<typeof outputSchema>;

export async function handle(deps: ToolDeps, input: Input): Promise<Output> {
  const ip = parseIp(input.ip);
  if (!ip) throw new SocAgentError('TOOL_INPUT_INVALID', `${input.ip} is not an IP address`, { field: 'ip' });
  const enrichment = await deps.enricher.enrich(ip, input.ip, await deps.organisation());
  return { ...enrichment, truncated: false };
}

export function render(output: Output): string {
  const where = [output.geo?.country, output.asn ? `AS${output.asn.number} ${output.asn.name}` : undefined].filter(Boolean).join(', ');
  return `${output.ip} (${output.internal ? 'internal' : output.scope}${where ? `, ${where}` : ''}): ${output.assessment.note}`;
}

/** Feeds that do not list the address go first (the assessment still names them), then summaries get shorter. */
export function shrink(output: Output): Output | undefined {
  const silent = output.sources.findIndex((source) => source.status === 'not_listed' && source.kind === 'offline_feed');
  if (silent !== -1) return { ...output, sources: output.sources.filter((_, index) => index !== silent), truncated: true };
  const long = output.sources.findIndex((source) => source.summary.length > 80);
  if (long !== -1) {
    return { ...output, sources: output.sources.map((source, index) => (index === long ? { ...source, summary: `${source.summary.slice(0, 79)}…`, categories: source.categories.slice(0, 2) } : source)), truncated: true };
  }
  return undefined;
}
