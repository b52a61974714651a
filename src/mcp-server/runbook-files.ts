import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SocAgentError } from '../domain/errors.js';

/** A runbook's file name is its slug: lowercase letters, digits, `-` and `_`, then `.md`. */
export const RUNBOOK_FILE = /^([a-z0-9][a-z0-9_-]{0,63})\.md$/;

export interface RunbookFile {
  name: string;
  title: string;
  bytes: number;
}

function titleOf(markdown: string, fallback: string): string {
  const heading = /^#\s+(.+)$/m.exec(markdown);
  return heading?.[1]?.trim() ?? fallback;
}

/** The runbooks present in `dir`, by name; a missing folder holds none. */
export async function listRunbookFiles(dir: string): Promise<RunbookFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  const runbooks: RunbookFile[] = [];
  for (const file of names.sort()) {
    const match = RUNBOOK_FILE.exec(file);
    if (!match?.[1]) continue;
    const full = path.join(dir, file);
    const info = await stat(full);
    if (!info.isFile()) continue;
    runbooks.push({ name: match[1], title: titleOf(await readFile(full, 'utf8'), match[1]), bytes: info.size });
  }
  return runbooks;
}

/**
 * A runbook by name. The name is looked up among the files present, never joined to the folder as given, so no
 * input reaches a file outside it. Unknown names fail with RUNBOOK_NOT_FOUND listing the names that exist.
 */
export async function readRunbookFile(dir: string, name: string): Promise<RunbookFile & { content: string }> {
  const runbooks = await listRunbookFiles(dir);
  const found = runbooks.find((runbook) => runbook.name === name);
  if (!found) {
    throw new SocAgentError('RUNBOOK_NOT_FOUND', `no runbook named ${JSON.stringify(name.slice(0, 80))}; available: ${runbooks.map((runbook) => runbook.name).join(', ') || 'none'}`, { name });
  }
  return { ...found, content: await readFile(path.join(dir, `${found.name}.md`), 'utf8') };
}
