import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file so that scripts work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored folder for local server state: pid files, logs, data. */
export const DEV_DIR = path.join(REPO_ROOT, '.dev');

export function resolveFromRoot(target: string): string {
  return path.isAbsolute(target) ? target : path.join(REPO_ROOT, target);
}
