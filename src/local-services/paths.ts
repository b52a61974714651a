import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `start` holding package.json: the repository root from source and from `dist/` alike. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** The repository root, found from this file so that scripts work from any working directory. */
export const REPO_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** Git-ignored folder for local server state: pid files, logs, data. */
export const DEV_DIR = path.join(REPO_ROOT, '.dev');

export function resolveFromRoot(target: string): string {
  return path.isAbsolute(target) ? target : path.join(REPO_ROOT, target);
}
