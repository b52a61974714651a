import { readFileSync } from 'node:fs';
import { SocAgentError } from '../../domain/errors.js';
import { compileRule, parseSigmaYaml, type CompiledRule, type CompileOptions } from '../sigma/index.js';
import type { CollectedRule } from './rule-collection.js';

/**
 * Compiles one judged rule again, with other options (a namespace of its own for the regression samples).
 * Throws as `compileRule` does, and `RULE_INVALID` when the file no longer holds a detection rule of that id.
 */
export function compileCollectedRule(rule: CollectedRule, options: CompileOptions): CompiledRule {
  const document = parseSigmaYaml(readFileSync(rule.path, 'utf8'), rule.outcome.file).find(
    (candidate) => candidate.kind === 'detection' && candidate.rule.id === rule.outcome.id,
  );
  if (document?.kind !== 'detection') {
    throw new SocAgentError('RULE_INVALID', `${rule.outcome.file}: holds no detection rule with id ${rule.outcome.id ?? '(none)'}`, {
      file: rule.outcome.file,
    });
  }
  return compileRule(document, options);
}
