import { z } from 'zod';
import type { AlertRule, Severity } from '../domain/alert.js';
import { SocAgentError } from '../domain/errors.js';
import {
  compileCorrelation,
  compileRule,
  parseSigmaYaml,
  refOf,
  type CompiledRule,
  type CorrelationPlan,
  type SigmaDocument,
} from './sigma/index.js';

/** Where an alert's entity comes from when a single-event rule names no `entity_key`. */
const DEFAULT_ENTITY_FIELDS: Record<string, readonly string[]> = {
  'aws.cloudtrail': ['user.name'],
  'network_traffic.flow': ['source.ip'],
};
const FALLBACK_ENTITY_FIELDS = ['host.name'] as const;

/** The project's own extension: which fields make two matches of a single-event rule the same alert. */
const RuleExtensionSchema = z.object({ entity_key: z.array(z.string().min(1)).min(1).optional() });

export type DetectionRule =
  | { kind: 'single'; file: string; meta: AlertRule; compiled: CompiledRule; entityFields: readonly string[] }
  | { kind: 'correlation'; file: string; meta: AlertRule; plan: CorrelationPlan };

export interface RuleFile {
  file: string;
  text: string;
}

export interface RulePack {
  rules: DetectionRule[];
  /** Files or rules that could not be loaded; each error names the file. */
  errors: SocAgentError[];
}

const LEVELS: Record<string, Severity> = { informational: 'informational', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** `attack.t1110.001` → `T1110.001`; `attack.credential_access` → tactic `credential_access`. */
function attackOf(tags: readonly string[]): { techniques: string[]; tactics: string[] } {
  const techniques: string[] = [];
  const tactics: string[] = [];
  for (const tag of tags) {
    const match = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag);
    if (match?.[1]) techniques.push(match[1].toUpperCase());
    else if (/^attack\.[a-z_]+$/.test(tag) && !/^attack\.(g|s)\d{4}$/.test(tag)) tactics.push(tag.slice('attack.'.length));
  }
  return { techniques, tactics };
}

function metaOf(document: SigmaDocument, file: string): AlertRule {
  const rule = document.rule;
  const id = rule.id ?? rule.name;
  if (!id) throw new SocAgentError('RULE_INVALID', `${file}: rule "${rule.title}" has no id`, { file, field: 'id' });
  return {
    id,
    title: rule.title,
    ...(rule.author ? { author: rule.author } : {}),
    ...(rule.license ? { license: rule.license } : {}),
    ...(rule.description ? { description: rule.description } : {}),
    level: LEVELS[rule.level ?? 'medium'] ?? 'medium',
    tags: [...rule.tags],
    ...attackOf(rule.tags),
    falsepositives: [...rule.falsepositives],
  };
}

/**
 * Parses and compiles rule files into the rules the producer runs: every correlation, and every detection rule
 * that no correlation consumes (or that a correlation asks to `generate`). A broken file is reported, never
 * silently skipped, and does not stop the others.
 */
export function buildRulePack(files: readonly RuleFile[], namespace: string): RulePack {
  const rules: DetectionRule[] = [];
  const errors: SocAgentError[] = [];
  const ids = new Map<string, string>();
  const register = (rule: DetectionRule): void => {
    const other = ids.get(rule.meta.id);
    if (other) {
      errors.push(new SocAgentError('RULE_INVALID', `${rule.file}: rule id ${rule.meta.id} is also used in ${other}`, { file: rule.file, field: 'id' }));
      return;
    }
    ids.set(rule.meta.id, rule.file);
    rules.push(rule);
  };
  for (const { file, text } of files) {
    try {
      const documents = parseSigmaYaml(text, file);
      const consumed = new Set<SigmaDocument>();
      for (const document of documents) {
        if (document.kind !== 'correlation') continue;
        const plan = compileCorrelation(document, documents, { namespace });
        for (const reference of document.rule.correlation.rules) {
          const base = documents.find((candidate) => candidate.kind === 'detection' && (candidate.rule.name === reference || candidate.rule.id === reference));
          if (base && !plan.generate) consumed.add(base);
        }
        register({ kind: 'correlation', file, meta: metaOf(document, file), plan });
      }
      for (const document of documents) {
        if (document.kind !== 'detection' || consumed.has(document)) continue;
        const compiled = compileRule(document, { namespace });
        const extension = RuleExtensionSchema.safeParse(document.rule);
        if (!extension.success) {
          throw new SocAgentError('RULE_INVALID', `${file}: entity_key must be a list of field names`, { file, field: 'entity_key', rule: refOf(document) });
        }
        const dataset = compiled.index[0]?.replace(/^logs-/, '').replace(/-[^-]+$/, '') ?? '';
        const entityFields = extension.data.entity_key ?? DEFAULT_ENTITY_FIELDS[dataset] ?? FALLBACK_ENTITY_FIELDS;
        register({ kind: 'single', file, meta: metaOf(document, file), compiled, entityFields });
      }
    } catch (err) {
      errors.push(
        err instanceof SocAgentError
          ? new SocAgentError(err.code, err.message.startsWith(file) ? err.message : `${file}: ${err.message}`, { ...err.context, file }, { cause: err })
          : new SocAgentError('RULE_INVALID', `${file}: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err }),
      );
    }
  }
  return { rules, errors };
}
