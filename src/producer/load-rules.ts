import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildRulePack, type RulePack } from './rule-pack.js';

/** Reads every `*.yml` / `*.yaml` under `dir` (recursively) and builds the rule pack. */
export function loadRulePack(dir: string, namespace: string): RulePack {
  const files = listRuleFiles(dir).map((file) => ({ file: path.relative(process.cwd(), file), text: readFileSync(file, 'utf8') }));
  return buildRulePack(files, namespace);
}

function listRuleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listRuleFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}
