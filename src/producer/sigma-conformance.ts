/**
 * Sigma conformance report: how much of a Sigma rule collection (SigmaHQ's layout: `rules/**\/*.yml` and the JSON
 * schemas in `spec/json-schema/`) this project can run.
 *
 *   npm run sigma:conformance -- /work/shared/data/sigma [--json out.json]
 *
 * Each rule document lands in exactly one outcome, checked in this order: schema_invalid (fails the official JSON
 * schema), parse_error (fails our parser or is invalid Sigma), unmapped_logsource (no data stream of ours holds its
 * events), unsupported (valid, but uses a feature we refuse rather than translate loosely), compiled.
 * internal_error counts crashes, which are bugs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import {
  compileCorrelation,
  compileRule,
  parseSigmaDocument,
  resolveLogsource,
  type CompileOptions,
  type SigmaDocument,
} from './sigma/index.js';

export const OUTCOMES = ['schema_invalid', 'parse_error', 'unmapped_logsource', 'unsupported', 'compiled', 'internal_error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RuleOutcomeSchema = z.object({
  file: z.string(),
  /** 1-based position of the document in a multi-document file. */
  document: z.number().int().min(1),
  id: z.string().optional(),
  title: z.string().optional(),
  /** Our log source mapping, `correlation`, or the rule's own `product/category/service` when unmapped. */
  logsource: z.string().optional(),
  outcome: z.enum(OUTCOMES),
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

export type ConformanceSummary = {
  readonly total: number;
  readonly byOutcome: Record<Outcome, number>;
  /** Rules whose log source we map and that parsed: compiled, unsupported, invalid at compile time, or crashed. */
  readonly mapped: number;
  readonly compiledPercentOfMapped: number;
  readonly byLogsource: { logsource: string; mapped: number; compiled: number; percent: number }[];
  readonly topUnsupportedFeatures: { feature: string; count: number }[];
  readonly topUnmappedLogsources: { logsource: string; count: number }[];
};

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

function countBy(values: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function summarizeOutcomes(outcomes: readonly RuleOutcome[]): ConformanceSummary {
  const count = (outcome: Outcome) => outcomes.filter((o) => o.outcome === outcome).length;
  const byOutcome: Record<Outcome, number> = {
    schema_invalid: count('schema_invalid'),
    parse_error: count('parse_error'),
    unmapped_logsource: count('unmapped_logsource'),
    unsupported: count('unsupported'),
    compiled: count('compiled'),
    internal_error: count('internal_error'),
  };
  const mappedOutcomes = outcomes.filter(
    (o) => o.logsource !== undefined && o.outcome !== 'unmapped_logsource' && o.outcome !== 'schema_invalid',
  );
  const byLogsource = countBy(mappedOutcomes.map((o) => o.logsource ?? '')).map(({ key, count }) => {
    const compiled = mappedOutcomes.filter((o) => o.logsource === key && o.outcome === 'compiled').length;
    return { logsource: key, mapped: count, compiled, percent: percent(compiled, count) };
  });
  return {
    total: outcomes.length,
    byOutcome,
    mapped: mappedOutcomes.length,
    compiledPercentOfMapped: percent(byOutcome.compiled, mappedOutcomes.length),
    byLogsource,
    topUnsupportedFeatures: countBy(outcomes.filter((o) => o.outcome === 'unsupported').map((o) => o.feature ?? '(unknown)'))
      .slice(0, 15)
      .map(({ key, count }) => ({ feature: key, count })),
    topUnmappedLogsources: countBy(outcomes.filter((o) => o.outcome === 'unmapped_logsource').map((o) => o.logsource ?? '(none)'))
      .slice(0, 10)
      .map(({ key, count }) => ({ logsource: key, count })),
  };
}

export function renderSummary(summary: ConformanceSummary): string {
  const pad = (text: string | number, width: number) => String(text).padEnd(width);
  const lines = [`Sigma conformance: ${summary.total} rule documents`, ''];
  for (const outcome of OUTCOMES) lines.push(`  ${pad(outcome, 20)} ${summary.byOutcome[outcome]}`);
  const { compiled } = summary.byOutcome;
  lines.push('', `  compiled ${compiled} of ${summary.mapped} mapped rules: ${summary.compiledPercentOfMapped}%`, '');
  lines.push(`  ${pad('log source', 40)} ${pad('mapped', 8)} ${pad('compiled', 9)} %`);
  for (const row of summary.byLogsource) {
    lines.push(`  ${pad(row.logsource, 40)} ${pad(row.mapped, 8)} ${pad(row.compiled, 9)} ${row.percent}`);
  }
  lines.push('', '  top unsupported features:');
  for (const row of summary.topUnsupportedFeatures) lines.push(`    ${pad(row.count, 6)} ${row.feature}`);
  lines.push('', '  top unmapped log sources (product/category/service):');
  for (const row of summary.topUnmappedLogsources) lines.push(`    ${pad(row.count, 6)} ${row.logsource}`);
  return `${lines.join('\n')}\n`;
}

/** Every `.yml` under `rulesDir`, in a stable order. */
export function listRuleFiles(rulesDir: string): string[] {
  return readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.yml'))
    .map((path) => join(rulesDir, path))
    .sort();
}

/** Reads the collection at `dir` and judges every rule. */
export function runConformance(dir: string, options: CompileOptions = {}): RuleOutcome[] {
  const validators = loadSchemaValidators(join(dir, 'spec', 'json-schema'));
  const rulesDir = join(dir, 'rules');
  return listRuleFiles(rulesDir).flatMap((path) =>
    assessSigmaFile(relative(rulesDir, path), readFileSync(path, 'utf8'), validators, options),
  );
}

function main(argv: readonly string[]): void {
  const args = [...argv];
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt === -1 ? undefined : args.splice(jsonAt, 2)[1];
  const [dir, ...rest] = args;
  if (dir === undefined || rest.length > 0 || (jsonAt !== -1 && jsonPath === undefined)) {
    process.stderr.write('usage: npm run sigma:conformance -- <sigma-dir> [--json out.json]\n');
    process.exitCode = 2;
    return;
  }
  const outcomes = runConformance(resolve(dir));
  const summary = summarizeOutcomes(outcomes);
  process.stdout.write(renderSummary(summary));
  if (jsonPath !== undefined) {
    writeFileSync(jsonPath, `${JSON.stringify({ summary, outcomes }, null, 2)}\n`);
    process.stdout.write(`\nwrote ${jsonPath}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
