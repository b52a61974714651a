import type { Organisation } from '../../domain/organisation.js';
import { ipInventory } from '../organisation-context.js';
import { loadIntel, type LoadedIntel } from './feed-loader.js';
import type { GeoLookup } from './geo-lookup.js';
import { worstReputation, type Indicator } from './indicator.js';
import { assessSources, type IpEnrichment } from './ip-enrichment.js';
import { ipScope, type ParsedIp } from './ip-address.js';
import type { LiveConnector, SourceResult } from './source-result.js';

export interface IpEnricherOptions {
  intelDir: string;
  cacheDir: string;
  geo: GeoLookup;
  /** Live services, already wrapped with a cache where one is configured. */
  connectors: readonly LiveConnector[];
  now: () => Date;
}

/** One feed's entries for an address as one result: the worst reputation, every description and reference. */
export function feedResult(feed: string, indicators: readonly Indicator[], now: Date): SourceResult {
  if (indicators.length === 0) {
    return { source: feed, kind: 'offline_feed', status: 'not_listed', reputation: 'unknown', categories: [], summary: `not in ${feed}`, references: [] };
  }
  // An expired STIX indicator is still shown, but its producer no longer vouches for it.
  const current = indicators.map((indicator) => (indicator.validUntil && Date.parse(indicator.validUntil) < now.getTime() ? { ...indicator, reputation: 'unknown' as const, description: `${indicator.description} (expired ${indicator.validUntil})` } : indicator));
  const confidences = current.flatMap((indicator) => (indicator.confidence === undefined ? [] : [indicator.confidence]));
  const lastSeen = current.map((indicator) => indicator.lastSeen ?? '').sort().at(-1);
  const listed = [...new Set(current.map((indicator) => indicator.listed))];
  return {
    source: feed,
    kind: 'offline_feed',
    status: 'listed',
    reputation: worstReputation(current.map((indicator) => indicator.reputation)),
    ...(confidences.length ? { score: Math.max(...confidences) } : {}),
    categories: [...new Set(current.flatMap((indicator) => indicator.categories))].slice(0, 6),
    summary: `${[...new Set(current.map((indicator) => indicator.description))].slice(0, 2).join(' | ')} [listed as ${listed.slice(0, 3).join(', ')}]`,
    references: [...new Set(current.flatMap((indicator) => (indicator.reference ? [indicator.reference] : [])))].slice(0, 5),
    ...(lastSeen ? { lastSeen } : {}),
  };
}

/**
 * Threat intel for one address: the organisation's inventory first; for a public address, every offline feed,
 * GeoIP and ASN, then the live services in parallel. Private and internal addresses never leave the process.
 */
export class IpEnricher {
  private intel: LoadedIntel;

  constructor(private readonly options: IpEnricherOptions) {
    this.intel = loadIntel(options.intelDir, options.cacheDir);
  }

  /** Reads the feeds again, e.g. after a refresh downloaded new copies. */
  reload(): void {
    this.intel = loadIntel(this.options.intelDir, this.options.cacheDir);
  }

  get feeds(): LoadedIntel['feeds'] {
    return this.intel.feeds;
  }

  get liveServices(): string[] {
    return this.options.connectors.map((connector) => connector.name);
  }

  async enrich(ip: ParsedIp, text: string, organisation: Organisation | undefined): Promise<IpEnrichment> {
    const scope = ipScope(ip);
    const inventory = organisation ? ipInventory(organisation, ip) : {};
    const internal = scope !== 'public' || inventory.subnet !== undefined || inventory.host !== undefined;
    if (internal) {
      return { ip: text, version: ip.version, scope, internal, organisation: inventory, sentToLiveServices: false, sources: [], assessment: assessSources([], true) };
    }
    const intel = this.intel;
    const now = this.options.now();
    const hits = intel.index.lookup(ip);
    const feedResults = intel.feeds
      .filter((feed) => feed.format !== 'ip2asn')
      .map((feed) => feedResult(feed.name, hits.filter((hit) => hit.feed === feed.name), now));
    const [geo, ...live] = await Promise.all([this.options.geo.lookup(text), ...this.options.connectors.map((connector) => connector.lookup(text))]);
    const asnRecord = intel.asn?.table.lookup(ip);
    const sources = [...feedResults, ...live];
    return {
      ip: text,
      version: ip.version,
      scope,
      internal,
      organisation: inventory,
      sentToLiveServices: this.options.connectors.length > 0,
      ...(geo ? { geo } : {}),
      ...(asnRecord && intel.asn
        ? { asn: { ...asnRecord, source: intel.asn.feed, ...(intel.asn.attribution ? { attribution: intel.asn.attribution } : {}) } }
        : {}),
      sources,
      assessment: assessSources(sources, false),
    };
  }
}
