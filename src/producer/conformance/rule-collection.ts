import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CompileOptions } from '../sigma/index.js';
import { assessSigmaFile, type RuleOutcome, type SchemaValidators } from './rule-outcome.js';

/** A judged rule document and the file it came from, so it can be compiled again with other options. */
export type CollectedRule = { readonly outcome: RuleOutcome; readonly path: string };

/** Every `.yml` under `rulesDir`, in a stable order. */
export function listRuleFiles(rulesDir: string): string[] {
  return readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.yml'))
    .map((path) => join(rulesDir, path))
    .sort();
}

/**
 * The rule folders of a SigmaHQ checkout: `rules` and its siblings `rules-emerging-threats`,
 * `rules-threat-hunting`… (any folder whose name starts with `rules`), in a stable order.
 */
export function listRuleFolders(dir: string): string[] {
  return readdirSync(dir, { encoding: 'utf8' })
    .filter((name) => name.startsWith('rules') && statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Judges every rule document under `folder`; each outcome names its file relative to that folder. */
export function assessRuleFolder(folder: string, validators: SchemaValidators, options: CompileOptions = {}): CollectedRule[] {
  return listRuleFiles(folder).flatMap((path) =>
    assessSigmaFile(relative(folder, path), readFileSync(path, 'utf8'), validators, options).map((outcome) => ({ outcome, path })),
  );
}

/** The rules by id; the first of two rules sharing an id wins, as the order is stable. */
export function indexRulesById(rules: readonly CollectedRule[]): ReadonlyMap<string, CollectedRule> {
  const byId = new Map<string, CollectedRule>();
  for (const rule of rules) {
    const { id } = rule.outcome;
    if (id !== undefined && !byId.has(id)) byId.set(id, rule);
  }
  return byId;
}
