import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import {
  compileCorrelation,
  compileRule,
  parseSigmaDocument,
  resolveLogsource,
  type CompileOptions,
  type SigmaDocument,
} from '../sigma/index.js';

/**
 * What became of one Sigma rule document. Each lands in exactly one outcome, checked in this order:
 * schema_invalid (fails the official JSON schema), parse_error (fails our parser or is invalid Sigma),
 * unmapped_logsource (no data stream of ours holds its events), unsupported (valid, but uses a feature we refuse
 * rather than translate loosely), compiled. internal_error counts crashes, which are bugs.
 */
export const RULE_OUTCOMES = ['schema_invalid', 'parse_error', 'unmapped_logsource', 'unsupported', 'compiled', 'internal_error'] as const;
export type RuleOutcomeKind = (typeof RULE_OUTCOMES)[number];

export const RuleOutcomeSchema = z.object({
  file: z.string(),
  /** 1-based position of the document in a multi-document file. */
  document: z.number().int().min(1),
  id: z.string().optional(),
  title: z.string().optional(),
  /** Our log source mapping, `correlation`, or the rule's own `product/category/service` when unmapped. */
  logsource: z.string().optional(),
  outcome: z.enum(RULE_OUTCOMES),
  feature: z.string().optional(),
  message: z.string().optional(),
});
export type RuleOutcome = z.infer<typeof RuleOutcomeSchema>;

/** Validators built from the specification's JSON schemas. */
export type SchemaValidators = { readonly detection: ValidateFunction; readonly correlation: ValidateFunction };

const JsonObjectSchema = z.record(z.string(), z.unknown());

/** Reads and compiles `sigma-detection-rule-schema.json` and `sigma-correlation-rules-schema.json`. */
export function loadSchemaValidators(schemaDir: string): SchemaValidators {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  ajvFormats.default(ajv);
  const load = (name: string) => {
    const schema = JsonObjectSchema.parse(JSON.parse(readFileSync(join(schemaDir, name), 'utf8')));
    // The files name their dialect with a trailing '#', which Ajv does not know; Ajv2020 is that dialect already.
    return ajv.compile(Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')));
  };
  return { detection: load('sigma-detection-rule-schema.json'), correlation: load('sigma-correlation-rules-schema.json') };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

function describeLogsource(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  return ['product', 'category', 'service'].map((key) => textOf(raw[key]) ?? '-').join('/');
}

function failure(error: unknown): Pick<RuleOutcome, 'outcome' | 'feature' | 'message'> {
  if (error instanceof SocAgentError && (error.code === 'RULE_INVALID' || error.code === 'RULE_UNSUPPORTED')) {
    const feature = textOf(error.context.feature);
    return { outcome: error.code === 'RULE_INVALID' ? 'parse_error' : 'unsupported', feature, message: error.message };
  }
  return { outcome: 'internal_error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/**
 * Judges every document of one Sigma file: schema, parse, log source, compile. Correlation rules are compiled with
 * the other documents of the same file as the rules they may name.
 */
export function assessSigmaFile(
  file: string,
  text: string,
  validators: SchemaValidators,
  options: CompileOptions = {},
): RuleOutcome[] {
  const yamlDocuments = parseAllDocuments(text);
  const parsed: { raw: unknown; position: number; document?: SigmaDocument; outcome?: RuleOutcome }[] = [];
  for (const [i, yamlDocument] of yamlDocuments.entries()) {
    const position = i + 1;
    const [yamlError] = yamlDocument.errors;
    if (yamlError !== undefined) {
      const outcome: RuleOutcome = { file, document: position, outcome: 'parse_error', feature: 'yaml', message: yamlError.message };
      parsed.push({ raw: undefined, position, outcome });
      continue;
    }
    const raw: unknown = yamlDocument.toJS();
    if (raw === null || raw === undefined) continue;
    const base = {
      file,
      document: position,
      id: isRecord(raw) ? textOf(raw.id) : undefined,
      title: isRecord(raw) ? textOf(raw.title) : undefined,
    };
    const isCorrelation = isRecord(raw) && 'correlation' in raw;
    const validate = isCorrelation ? validators.correlation : validators.detection;
    if (!validate(raw)) {
      const [first] = validate.errors ?? [];
      const message = first === undefined ? 'invalid' : `${first.instancePath || '(rule)'} ${first.message ?? 'is invalid'}`;
      parsed.push({ raw, position, outcome: { ...base, outcome: 'schema_invalid', feature: first?.keyword, message } });
      continue;
    }
    try {
      parsed.push({ raw, position, document: parseSigmaDocument(raw, position === 1 ? file : `${file}#${position}`) });
    } catch (error) {
      parsed.push({ raw, position, outcome: { ...base, ...failure(error) } });
    }
  }
  const documents = parsed.flatMap((entry) => (entry.document === undefined ? [] : [entry.document]));
  return parsed.map(({ raw, position, document, outcome }) => {
    if (outcome !== undefined || document === undefined) {
      return outcome ?? { file, document: position, outcome: 'internal_error', message: 'document neither parsed nor failed' };
    }
    const base = { file, document: position, id: document.rule.id, title: document.rule.title };
    if (document.kind === 'correlation') {
      try {
        compileCorrelation(document, documents, options);
        return { ...base, logsource: 'correlation', outcome: 'compiled' };
      } catch (error) {
        return { ...base, logsource: 'correlation', ...failure(error) };
      }
    }
    const mapping = resolveLogsource(document.rule.logsource);
    if (mapping === undefined) {
      return { ...base, logsource: describeLogsource(isRecord(raw) ? raw.logsource : undefined), outcome: 'unmapped_logsource' };
    }
    try {
      compileRule(document, options);
      return { ...base, logsource: mapping.name, outcome: 'compiled' };
    } catch (error) {
      return { ...base, logsource: mapping.name, ...failure(error) };
    }
  });
}

