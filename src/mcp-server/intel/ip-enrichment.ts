import { z } from 'zod';
import { IpInventorySchema } from '../organisation-context.js';
import { GeoRecordSchema } from './geo-lookup.js';
import type { Reputation } from './indicator.js';
import { SourceResultSchema, type SourceResult } from './source-result.js';

export const AssessmentSchema = z.object({
  /** Sources that list the address, whatever they say about it. */
  listedBy: z.array(z.string()),
  malicious: z.array(z.string()),
  suspicious: z.array(z.string()),
  benign: z.array(z.string()),
  /** Sources that could not be asked. */
  failed: z.array(z.string()),
  /** True when listing sources give different reputations; they are shown side by side, never averaged. */
  disagreement: z.boolean(),
  note: z.string(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const IpEnrichmentSchema = z.object({
  ip: z.string(),
  version: z.union([z.literal(4), z.literal(6)]),
  scope: z.enum(['public', 'private', 'loopback', 'link_local', 'reserved']),
  /** Private, loopback, or in one of the organisation's subnets: answered from the inventory alone. */
  internal: z.boolean(),
  organisation: IpInventorySchema,
  sentToLiveServices: z.boolean(),
  geo: GeoRecordSchema.optional(),
  asn: z.object({ number: z.number().int(), name: z.string(), country: z.string(), source: z.string(), attribution: z.string().optional() }).optional(),
  sources: z.array(SourceResultSchema),
  assessment: AssessmentSchema,
});
export type IpEnrichment = z.infer<typeof IpEnrichmentSchema>;

const names = (sources: readonly SourceResult[], reputation: Reputation): string[] =>
  sources.filter((source) => source.status === 'listed' && source.reputation === reputation).map((source) => source.source);

/** Sums up who said what, keeping every opinion: the point is to show disagreement, not to resolve it. */
export function assessSources(sources: readonly SourceResult[], internal: boolean): Assessment {
  const malicious = names(sources, 'malicious');
  const suspicious = names(sources, 'suspicious');
  const benign = names(sources, 'benign');
  const listedBy = sources.filter((source) => source.status === 'listed').map((source) => source.source);
  const failed = sources.filter((source) => source.status === 'error').map((source) => source.source);
  const disagreement = [malicious, suspicious, benign].filter((group) => group.length > 0).length > 1;
  const opinions = [
    malicious.length ? `malicious per ${malicious.join(', ')}` : '',
    suspicious.length ? `suspicious per ${suspicious.join(', ')}` : '',
    benign.length ? `benign per ${benign.join(', ')}` : '',
  ].filter(Boolean);
  const asked = sources.filter((source) => source.status !== 'error').length;
  let note: string;
  if (internal) note = 'Internal address: answered from the organisation inventory; not sent to any external service.';
  else if (listedBy.length === 0) note = `Listed by none of the ${asked} sources asked; absence from feeds is not evidence that the address is safe.`;
  else note = `Listed by ${listedBy.length} of ${asked} sources: ${opinions.join('; ') || 'no reputation given'}.${disagreement ? ' The sources disagree.' : ''}`;
  if (failed.length) note += ` Not answered: ${failed.join(', ')}.`;
  return { listedBy, malicious, suspicious, benign, failed, disagreement, note };
}
