import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRunbookSet, type RunbookFile, type RunbookSet } from './runbook-loader.js';

/** Reads `<dir>/*.md`, sorted by name. The only I/O of runbook loading. */
export function readRunbookFiles(dir: string): RunbookFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ file: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') }));
}

export function loadRunbooks(dir: string): RunbookSet {
  return buildRunbookSet(readRunbookFiles(dir));
}
