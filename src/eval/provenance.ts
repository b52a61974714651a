import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, resolveFromRoot } from '../local-services/paths.js';
import type { EvalResult, FileHash } from './eval-result.js';

/** SHA-256 of every file in `dir` ending in `extension`, named relative to the repository root, in name order. */
export function hashFiles(dir: string, extension: string): FileHash[] {
  const folder = resolveFromRoot(dir);
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => {
      const file = path.join(folder, name);
      return { file: path.relative(REPO_ROOT, file), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
    });
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', [...args], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a checkout (an image built from an archive): the result says "unknown" rather than failing the run.
    return null;
  }
}

/** The commit the run was made from, and whether the tree differed from it. */
export function gitState(): EvalResult['git'] {
  const revision = git(['rev-parse', 'HEAD']);
  const status = revision === null ? null : git(['status', '--porcelain']);
  return { revision, dirty: status === null ? null : status.length > 0 };
}

export function machine(): EvalResult['machine'] {
  return { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.arch()}`, node: process.versions.node };
}
