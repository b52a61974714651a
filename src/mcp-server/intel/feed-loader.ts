import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { AsnTable } from './asn-table.js';
import { FeedIndex } from './feed-index.js';
import { FeedManifestSchema, type FeedManifest, type FeedSpec } from './feed-manifest.js';
import { parseBlocklist } from './feeds/blocklist-feed.js';
import { MispEventSchema, MispManifestSchema, parseMispEvent } from './feeds/misp-feed.js';
import type { ParsedFeed } from './feeds/parsed-feed.js';
import { parseStixBundle, StixBundleSchema } from './feeds/stix-bundle.js';

/** A MISP feed may list thousands of events; more than this is a mistake in the feed, not intel to load. */
export const MAX_MISP_EVENTS = 5_000;

/** Written by the refresher once a download is complete; a cache folder without it is ignored. */
export const DOWNLOAD_MARKER = '.downloaded.json';
export const DownloadMarkerSchema = z.object({ url: z.string(), downloadedAt: z.iso.datetime(), entries: z.number().int() });

export const FeedStatusSchema = z.object({
  name: z.string(),
  format: z.string(),
  /** `downloaded` when a refreshed copy from the feed's URL replaced the shipped sample. */
  origin: z.enum(['shipped', 'downloaded']),
  entries: z.number().int(),
  skipped: z.number().int(),
  downloadedAt: z.string().optional(),
  problem: z.string().optional(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export interface LoadedIntel {
  index: FeedIndex;
  asn?: { table: AsnTable; feed: string; attribution?: string };
  feeds: FeedStatus[];
  /** The feed specs, by name, for attributions and descriptions. */
  specs: ReadonlyMap<string, FeedSpec>;
}

export function readFeedManifest(intelDir: string): FeedManifest {
  const file = path.join(intelDir, 'feeds.json');
  try {
    return FeedManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new SocAgentError('INTEL_FEED_INVALID', `${file}: not a valid feed manifest (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, { file }, { cause: err });
  }
}

function readText(file: string): string {
  const bytes = readFileSync(file);
  // Feeds are often published gzipped (ip2asn-v4.tsv.gz); the magic number says so whatever the name.
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

function readJson(file: string): unknown {
  return JSON.parse(readText(file));
}

/** Parses one feed's files; throws a plain Error naming the file at fault. */
function parseFeedAt(spec: FeedSpec, location: string): ParsedFeed | { asn: AsnTable; skipped: number } {
  const at = <T>(file: string, parse: () => T): T => {
    try {
      return parse();
    } catch (err) {
      throw new Error(`${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
    }
  };
  switch (spec.format) {
    case 'blocklist':
      return at(location, () => parseBlocklist(readText(location), { feed: spec.name, reputation: spec.reputation, categories: spec.categories, description: spec.description }));
    case 'stix':
      return at(location, () => parseStixBundle(StixBundleSchema.parse(readJson(location)), spec.name));
    case 'ip2asn': {
      const { table, skipped } = at(location, () => AsnTable.parse(readText(location)));
      return { asn: table, skipped };
    }
    case 'misp': {
      const manifestFile = path.join(location, 'manifest.json');
      const manifest = at(manifestFile, () => MispManifestSchema.parse(readJson(manifestFile)));
      const uuids = Object.keys(manifest).slice(0, MAX_MISP_EVENTS);
      const result: ParsedFeed = { entries: [], skipped: 0 };
      for (const uuid of uuids) {
        const eventFile = path.join(location, `${uuid}.json`);
        const parsed = at(eventFile, () => parseMispEvent(MispEventSchema.parse(readJson(eventFile)), spec.name));
        result.entries.push(...parsed.entries);
        result.skipped += parsed.skipped;
      }
      return result;
    }
  }
}

function downloadedCopy(spec: FeedSpec, cacheDir: string): { location: string; downloadedAt: string } | undefined {
  const folder = path.join(cacheDir, spec.name);
  const marker = path.join(folder, DOWNLOAD_MARKER);
  if (!existsSync(marker)) return undefined;
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    return undefined; // a half-written marker means an unfinished download: the shipped file stands
  }
  const parsed = DownloadMarkerSchema.safeParse(content);
  if (!parsed.success) return undefined;
  return { location: spec.format === 'misp' ? folder : path.join(folder, 'feed'), downloadedAt: parsed.data.downloadedAt };
}

/**
 * Loads every feed of `intelDir/feeds.json`, preferring a complete downloaded copy in `cacheDir`. A downloaded copy
 * that does not parse falls back to the shipped file, and the status says why; a shipped file that does not parse
 * is a bug in this repository and stops the start with an error naming the file.
 */
export function loadIntel(intelDir: string, cacheDir: string): LoadedIntel {
  const manifest = readFeedManifest(intelDir);
  const entries: ParsedFeed['entries'] = [];
  const feeds: FeedStatus[] = [];
  let asn: LoadedIntel['asn'];
  for (const spec of manifest.feeds) {
    const downloaded = downloadedCopy(spec, cacheDir);
    let problem: string | undefined;
    let result: ReturnType<typeof parseFeedAt> | undefined;
    let origin: FeedStatus['origin'] = 'shipped';
    if (downloaded) {
      try {
        result = parseFeedAt(spec, downloaded.location);
        origin = 'downloaded';
      } catch (err) {
        problem = `downloaded copy unreadable, using the shipped file: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (!result) {
      const shipped = path.join(intelDir, spec.path);
      try {
        result = parseFeedAt(spec, shipped);
      } catch (err) {
        throw new SocAgentError('INTEL_FEED_INVALID', `feed ${spec.name}: ${err instanceof Error ? err.message : String(err)}`, { feed: spec.name, file: shipped }, { cause: err });
      }
    }
    let count: number;
    if ('asn' in result) {
      asn = { table: result.asn, feed: spec.name, ...(spec.attribution ? { attribution: spec.attribution } : {}) };
      count = result.asn.size;
    } else {
      entries.push(...result.entries);
      count = result.entries.length;
    }
    feeds.push({
      name: spec.name,
      format: spec.format,
      origin,
      entries: count,
      skipped: result.skipped,
      ...(origin === 'downloaded' && downloaded ? { downloadedAt: downloaded.downloadedAt } : {}),
      ...(problem ? { problem } : {}),
    });
  }
  return { index: new FeedIndex(entries), ...(asn ? { asn } : {}), feeds, specs: new Map(manifest.feeds.map((spec) => [spec.name, spec])) };
}
