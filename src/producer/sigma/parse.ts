import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { SigmaCorrelationRuleSchema, type SigmaCorrelationRule } from './correlation-rule-schema.js';
import { ruleError, type RuleRef } from './rule-error.js';
import { SigmaRuleSchema, type SigmaRule } from './rule-schema.js';

/** A detection rule and the file it came from (for error messages). */
export type SigmaRuleDocument = { readonly kind: 'detection'; readonly file?: string | undefined; readonly rule: SigmaRule };
/** A correlation rule and the file it came from; its `rules` are resolved against the other documents. */
export type SigmaCorrelationDocument = {
  readonly kind: 'correlation';
  readonly file?: string | undefined;
  readonly rule: SigmaCorrelationRule;
};
export type SigmaDocument = SigmaRuleDocument | SigmaCorrelationDocument;

/** The identity of a parsed rule, for error messages. */
export function refOf(document: SigmaDocument): RuleRef {
  return { file: document.file, title: document.rule.title, id: document.rule.id };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function describeIssues(error: z.ZodError): { field: string | undefined; message: string } {
  const [first] = error.issues;
  const field = first === undefined || first.path.length === 0 ? undefined : first.path.map(String).join('.');
  const message = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(rule)'}: ${issue.message}`)
    .join('; ');
  return { field, message };
}

/**
 * Parses one Sigma YAML file: a single rule, or several documents separated by `---` (a correlation rule and the
 * rules it references). Throws `RULE_INVALID` naming the file, rule and field when a document breaks the
 * specification, and `RULE_UNSUPPORTED` for Sigma filters and Sigma v1 aggregations (`timeframe`, `| count()`).
 */
export function parseSigmaYaml(text: string, file?: string): SigmaDocument[] {
  const documents: SigmaDocument[] = [];
  for (const [index, yamlDocument] of parseAllDocuments(text).entries()) {
    const docFile = file === undefined ? undefined : index === 0 ? file : `${file}#${index + 1}`;
    const [yamlError] = yamlDocument.errors;
    if (yamlError !== undefined) {
      throw ruleError('RULE_INVALID', { file: docFile }, { feature: 'yaml' }, `not valid YAML: ${yamlError.message}`, {
        cause: yamlError,
      });
    }
    const raw: unknown = yamlDocument.toJS();
    if (raw === null || raw === undefined) continue; // an empty document, e.g. after a trailing `---`
    documents.push(parseSigmaDocument(raw, docFile));
  }
  if (documents.length === 0) {
    throw ruleError('RULE_INVALID', { file }, { feature: 'yaml' }, 'holds no Sigma rule');
  }
  return documents;
}

/** Validates one already-decoded YAML document as a detection or correlation rule. */
export function parseSigmaDocument(raw: unknown, file?: string): SigmaDocument {
  if (!isRecord(raw)) {
    throw ruleError('RULE_INVALID', { file }, { feature: 'yaml' }, 'is not a YAML mapping');
  }
  const ref: RuleRef = { file, title: textOf(raw.title), id: textOf(raw.id) };
  if ('correlation' in raw) {
    const parsed = SigmaCorrelationRuleSchema.safeParse(raw);
    if (!parsed.success) {
      const { field, message } = describeIssues(parsed.error);
      throw ruleError('RULE_INVALID', ref, { field, feature: 'correlation' }, message, { cause: parsed.error });
    }
    return { kind: 'correlation', file, rule: parsed.data };
  }
  if ('filter' in raw && !('detection' in raw)) {
    throw ruleError('RULE_UNSUPPORTED', ref, { field: 'filter', feature: 'sigma filter' }, 'Sigma filters are not supported');
  }
  const detection = raw.detection;
  if (isRecord(detection) && 'timeframe' in detection) {
    throw ruleError(
      'RULE_UNSUPPORTED',
      ref,
      { field: 'detection.timeframe', feature: 'timeframe' },
      'Sigma v1 aggregations (timeframe) are not supported; write a correlation rule instead',
    );
  }
  const parsed = SigmaRuleSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw ruleError('RULE_INVALID', ref, { field, feature: 'rule schema' }, message, { cause: parsed.error });
  }
  return { kind: 'detection', file, rule: parsed.data };
}
