export {
  compileDetection,
  compileRule,
  requireLogsource,
  DEFAULT_KEYWORD_FIELDS,
  DEFAULT_MAX_LEAF_QUERIES,
  type CompileOptions,
  type CompiledRule,
} from './compile.js';
export { parseCondition, type ConditionNode } from './condition.js';
export {
  buildCorrelationSearch,
  compileCorrelation,
  parseTimespan,
  type CorrelatedRule,
  type CorrelationOptions,
  type CorrelationPlan,
  type CorrelationThresholds,
  type CorrelationType,
} from './correlation.js';
export { SigmaCorrelationRuleSchema, type SigmaCorrelationRule } from './correlation-rule-schema.js';
export { CorrelationMatchSchema, evaluateCorrelation, meetsThresholds, type CorrelationMatch } from './evaluate-correlation.js';
export { isEcsFieldName, resolveLogsource, type LogsourceMapping, type MappedField } from './field-mapping.js';
export type { FieldType } from './field-types.js';
export {
  parseSigmaDocument,
  parseSigmaYaml,
  refOf,
  type SigmaCorrelationDocument,
  type SigmaDocument,
  type SigmaRuleDocument,
} from './parse.js';
export { translatePcreToLucene, type LuceneRegexp, type RegexFlags } from './pcre-to-lucene.js';
export { describeRule, type RuleRef } from './rule-error.js';
export { SigmaLogsourceSchema, SigmaRuleSchema, type SigmaLogsource, type SigmaRule } from './rule-schema.js';
