import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { SocAgentError } from '../../domain/errors.js';
import type { TelemetryEvent } from '../telemetry-event.js';
import { mapAuthLogLine } from './auth-log-line.js';
import { expandJsonRecords, mapJsonRecord } from './json-record.js';
import { describeError } from './describe-error.js';
import { parseJson, sliceJsonValues } from './json-values.js';
import type { MapContext, MapOutcome } from './map-outcome.js';
import { readLines } from './read-lines.js';

/** The two kinds of file the loader reads; which records a JSON file holds is decided record by record. */
export type LogFormat = 'json' | 'auth-log';

/**
 * What loading produces, in order: a `file` item when a file is opened, then one item per record (event,
 * skipped or malformed), or `ignored` / `unreadable` for a file that gives no records. `file` is the path
 * relative to the loaded folder; `location` is `file:line`, with `#n` for the n-th record on one line.
 */
export type LoadItem =
  | { kind: 'file'; file: string; format: LogFormat }
  | { kind: 'event'; file: string; event: TelemetryEvent }
  | { kind: 'skipped'; file: string; location: string; reason: string }
  | { kind: 'malformed'; file: string; location: string; reason: string }
  | { kind: 'ignored'; file: string; reason: string }
  | { kind: 'unreadable'; file: string; reason: string };

export interface LoadOptions {
  /** Namespace of the data streams the documents go to. */
  namespace: string;
  /** Year of BSD syslog lines, which carry none. @defaultValue the year (UTC) each file was last modified */
  year?: number;
}

const JSON_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
const AUTH_LOG_FILE = /(^(auth\.log|secure)(\.\d+)?|\.log(\.\d+)?)(\.gz)?$/i;
// Identical auth.log lines are told apart by how often they were seen; they share a second, so a short memory will do.
const REPEAT_MEMORY = 1000;

/** The format a file's name says it has, or `undefined` for files that are no log (licences, YAML, EVTX…). */
export function detectLogFormat(fileName: string): LogFormat | undefined {
  if (JSON_FILE.test(fileName)) return 'json';
  if (AUTH_LOG_FILE.test(fileName)) return 'auth-log';
  return undefined;
}

/**
 * Reads every log file under `root` (a folder, walked recursively in name order, or one file) and yields what
 * became of each record. JSON lines and `auth.log` files are streamed line by line, `.gz` ones unpacked on the
 * way; a JSON document that is not one value per line (a CloudTrail array, a pretty-printed regression sample) is
 * read whole. Nothing is thrown for a bad file or record: each is reported as an item. Throws `INPUT_INVALID`
 * only when `root` itself cannot be read.
 */
export async function* loadDirectory(root: string, options: LoadOptions): AsyncGenerator<LoadItem> {
  let rootIsFolder: boolean;
  try {
    rootIsFolder = (await stat(root)).isDirectory();
  } catch (err) {
    throw new SocAgentError('INPUT_INVALID', `cannot read ${root}: ${describeError(err)}`, { path: root }, { cause: err });
  }
  const paths = rootIsFolder ? await listFiles(root) : [root];
  for (const path of paths) {
    const file = rootIsFolder ? relative(root, path) : basename(path);
    const format = detectLogFormat(basename(path));
    if (format === undefined) {
      yield { kind: 'ignored', file, reason: 'not a log file name (.json, .json.gz, .jsonl, .ndjson, auth.log, .log)' };
      continue;
    }
    yield { kind: 'file', file, format };
    try {
      yield* format === 'json' ? loadJsonFile(path, file, options) : loadAuthLogFile(path, file, options);
    } catch (err) {
      yield { kind: 'unreadable', file, reason: describeError(err) };
    }
  }
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    // Links are followed, so a folder of links to the shared data loads like the data itself.
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory());
    if (isFolder) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}

/**
 * A JSON file is JSON lines when its first non-blank line is a JSON value by itself; otherwise it is one
 * document (possibly several values one after another), cut into records by `sliceJsonValues`.
 */
async function* loadJsonFile(path: string, file: string, options: LoadOptions): AsyncGenerator<LoadItem> {
  let mode: 'lines' | 'document' | undefined;
  const documentLines: string[] = [];
  for await (const { text, line } of readLines(path)) {
    if (mode === 'document' || (mode === undefined && text.trim() === '')) {
      documentLines.push(text);
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (err) {
      if (mode === undefined) {
        mode = 'document';
        documentLines.push(text);
        continue;
      }
      yield { kind: 'malformed', file, location: `${file}:${line}`, reason: `not JSON: ${describeError(err)}` };
      continue;
    }
    mode = 'lines';
    yield* mapJsonValue(value, text, file, line, options);
  }
  if (mode !== 'document') return;
  for (const slice of sliceJsonValues(documentLines.join('\n'))) {
    let value: unknown;
    try {
      value = parseJson(slice.text);
    } catch (err) {
      yield { kind: 'malformed', file, location: `${file}:${slice.line}`, reason: `not JSON: ${describeError(err)}` };
      continue;
    }
    yield* mapJsonValue(value, undefined, file, slice.line, options);
  }
}

/** `original` is the line the value was read from, when it was one line holding one record. */
function* mapJsonValue(value: unknown, original: string | undefined, file: string, line: number, options: LoadOptions): Generator<LoadItem> {
  const { records, several } = expandJsonRecords(value);
  for (const [position, record] of records.entries()) {
    const index = several ? position + 1 : undefined;
    const context: MapContext = {
      namespace: options.namespace,
      fileName: idFileName(file),
      line,
      ...(index === undefined ? {} : { index }),
      original: original !== undefined && !several ? original : JSON.stringify(record),
    };
    yield toItem(mapJsonRecord(record, context), file, `${file}:${line}${index === undefined ? '' : `#${index}`}`);
  }
}

async function* loadAuthLogFile(path: string, file: string, options: LoadOptions): AsyncGenerator<LoadItem> {
  const year = options.year ?? (await stat(path)).mtime.getUTCFullYear();
  const seen = new Map<string, number>();
  for await (const { text, line } of readLines(path)) {
    if (text.trim() === '') continue;
    if (seen.size > REPEAT_MEMORY) seen.clear();
    const occurrence = seen.get(text) ?? 0;
    seen.set(text, occurrence + 1);
    const context = { namespace: options.namespace, fileName: idFileName(file), line, original: text, year, occurrence };
    yield toItem(mapAuthLogLine(text, context), file, `${file}:${line}`);
  }
}

/** The file's name as part of event ids: without its folder, and without `.gz`, since packing changes no record. */
function idFileName(file: string): string {
  return basename(file).replace(/\.gz$/i, '');
}

function toItem(outcome: MapOutcome, file: string, location: string): LoadItem {
  if (outcome.kind === 'mapped') return { kind: 'event', file, event: outcome.event };
  return { kind: outcome.kind, file, location, reason: outcome.reason };
}
