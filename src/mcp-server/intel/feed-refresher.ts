import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SocAgentError } from '../../domain/errors.js';
import { AsnTable } from './asn-table.js';
import { DOWNLOAD_MARKER, MAX_MISP_EVENTS } from './feed-loader.js';
import type { FeedSpec } from './feed-manifest.js';
import { parseBlocklist } from './feeds/blocklist-feed.js';
import { MispEventSchema, MispManifestSchema, parseMispEvent } from './feeds/misp-feed.js';
import { parseStixBundle, StixBundleSchema } from './feeds/stix-bundle.js';

export interface RefreshOptions {
  /** @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  /** Per request. @defaultValue 30 000 ms */
  timeoutMs?: number;
  /** Largest file accepted. @defaultValue 128 MiB (the full ip2asn table is about 25 MB) */
  maxBytes?: number;
  now?: () => Date;
}

export interface RefreshResult {
  feed: string;
  status: 'updated' | 'failed';
  entries?: number;
  error?: string;
}

async function download(url: string, options: Required<Omit<RefreshOptions, 'now'>>): Promise<Buffer> {
  let response: Response;
  try {
    response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
  } catch (err) {
    throw new SocAgentError('INTEL_SOURCE_FAILED', `${url}: ${err instanceof Error ? err.message : String(err)}`, { url }, { cause: err });
  }
  if (!response.ok) throw new SocAgentError('INTEL_SOURCE_FAILED', `${url}: HTTP ${response.status}`, { url, statusCode: response.status });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) throw new SocAgentError('INTEL_SOURCE_FAILED', `${url}: ${declared} bytes is more than ${options.maxBytes}`, { url });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > options.maxBytes) throw new SocAgentError('INTEL_SOURCE_FAILED', `${url}: ${bytes.length} bytes is more than ${options.maxBytes}`, { url });
  return bytes;
}

function text(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Checks a downloaded file parses as its feed's format, so an HTML error page never replaces a good copy. */
function validate(spec: FeedSpec, bytes: Buffer): number {
  switch (spec.format) {
    case 'blocklist': {
      const parsed = parseBlocklist(text(bytes), { feed: spec.name, reputation: spec.reputation, categories: spec.categories, description: spec.description });
      if (parsed.entries.length === 0 && parsed.skipped > 0) throw new Error('no address in the file: not a blocklist');
      return parsed.entries.length;
    }
    case 'stix':
      return parseStixBundle(StixBundleSchema.parse(JSON.parse(text(bytes))), spec.name).entries.length;
    case 'ip2asn': {
      const { table } = AsnTable.parse(text(bytes));
      if (table.size === 0) throw new Error('no row in the file: not an ip2asn table');
      return table.size;
    }
    case 'misp':
      throw new Error('a MISP feed is a folder, not one file');
  }
}

async function fetchMispFeed(spec: FeedSpec, url: string, folder: string, options: Required<Omit<RefreshOptions, 'now'>>): Promise<number> {
  const base = url.endsWith('/') ? url : `${url}/`;
  const manifestBytes = await download(new URL('manifest.json', base).toString(), options);
  const manifest = MispManifestSchema.parse(JSON.parse(text(manifestBytes)));
  writeFileSync(path.join(folder, 'manifest.json'), manifestBytes);
  let entries = 0;
  const uuids = Object.keys(manifest).slice(0, MAX_MISP_EVENTS);
  // A few requests at a time: a feed server is somebody else's, and 2 cores are ours.
  for (let i = 0; i < uuids.length; i += 4) {
    await Promise.all(
      uuids.slice(i, i + 4).map(async (uuid) => {
        const bytes = await download(new URL(`${uuid}.json`, base).toString(), options);
        entries += parseMispEvent(MispEventSchema.parse(JSON.parse(text(bytes))), spec.name).entries.length;
        writeFileSync(path.join(folder, `${uuid}.json`), bytes);
      }),
    );
  }
  return entries;
}

/**
 * Downloads each feed that has a URL into `cacheDir/<feed>/`, through a temporary folder renamed into place once
 * the download is complete and parses, so a reader never sees half a feed. A failed feed keeps its previous copy.
 */
export async function refreshFeeds(specs: readonly FeedSpec[], urls: Readonly<Record<string, string>>, cacheDir: string, options: RefreshOptions = {}): Promise<RefreshResult[]> {
  const resolved = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 30_000, maxBytes: options.maxBytes ?? 128 * 2 ** 20 };
  const now = options.now ?? (() => new Date());
  const results: RefreshResult[] = [];
  mkdirSync(cacheDir, { recursive: true });
  for (const spec of specs) {
    const url = urls[spec.name];
    if (!url) continue;
    const staging = path.join(cacheDir, `.${spec.name}-${randomUUID()}`);
    mkdirSync(staging);
    try {
      let entries: number;
      if (spec.format === 'misp') {
        entries = await fetchMispFeed(spec, url, staging, resolved);
      } else {
        const bytes = await download(url, resolved);
        entries = validate(spec, bytes);
        writeFileSync(path.join(staging, 'feed'), bytes);
      }
      writeFileSync(path.join(staging, DOWNLOAD_MARKER), JSON.stringify({ url, downloadedAt: now().toISOString(), entries }));
      const target = path.join(cacheDir, spec.name);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
      results.push({ feed: spec.name, status: 'updated', entries });
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      results.push({ feed: spec.name, status: 'failed', error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
  return results;
}

/** Checks every configured URL names a feed of the manifest; a typo would otherwise never refresh anything. */
export function checkFeedUrls(specs: readonly FeedSpec[], urls: Readonly<Record<string, string>>): void {
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = Object.keys(urls).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SocAgentError('CONFIG_INVALID', `Invalid configuration: INTEL_FEED_URLS: unknown feed ${unknown.join(', ')}; feeds are ${[...known].join(', ')}`, { variables: ['INTEL_FEED_URLS'] });
  }
}

export interface FeedRefreshSchedule {
  specs: readonly FeedSpec[];
  urls: Readonly<Record<string, string>>;
  cacheDir: string;
  intervalMs: number;
  /** Called after every run with what happened to each feed. */
  onRefreshed: (results: RefreshResult[]) => void;
  options?: RefreshOptions;
}

/**
 * Refreshes now and then every `intervalMs`, one run at a time (a slow run is never overlapped by the next).
 * The timer does not keep the process alive. Returns a function that stops the schedule.
 */
export function scheduleFeedRefresh(schedule: FeedRefreshSchedule): () => void {
  let running = false;
  const run = (): void => {
    if (running) return;
    running = true;
    refreshFeeds(schedule.specs, schedule.urls, schedule.cacheDir, schedule.options)
      .then(schedule.onRefreshed)
      .catch((err: unknown) => schedule.onRefreshed([{ feed: '*', status: 'failed', error: err instanceof Error ? err.message : String(err) }]))
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, schedule.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
