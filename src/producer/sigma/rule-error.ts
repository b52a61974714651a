import { SocAgentError } from '../../domain/errors.js';

/** What identifies a Sigma rule in an error: the file it came from, its title and its id, whichever are known. */
export type RuleRef = { readonly file?: string | undefined; readonly title?: string | undefined; readonly id?: string | undefined };

/** `rules/x.yml: "Title" (id)`, leaving out what is unknown. */
export function describeRule(rule: RuleRef): string {
  const parts = [
    rule.file,
    rule.title === undefined ? undefined : `"${rule.title}"`,
    rule.id === undefined ? undefined : `(${rule.id})`,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' ') : 'Sigma rule';
}

/** Where in the rule the problem is, and which Sigma feature it concerns (the conformance report groups by it). */
export type RuleProblem = {
  readonly field?: string | undefined;
  readonly feature: string;
};

/**
 * The one way the Sigma code reports a problem with a rule: `RULE_INVALID` when the rule breaks the specification,
 * `RULE_UNSUPPORTED` when it is valid but this compiler cannot express it faithfully in Elasticsearch Query DSL.
 */
export function ruleError(
  code: 'RULE_INVALID' | 'RULE_UNSUPPORTED',
  rule: RuleRef,
  problem: RuleProblem,
  message: string,
  options?: ErrorOptions,
): SocAgentError {
  const where = problem.field === undefined ? '' : ` field '${problem.field}':`;
  return new SocAgentError(
    code,
    `${describeRule(rule)}:${where} ${message}`,
    { rule: { file: rule.file, title: rule.title, id: rule.id }, field: problem.field, feature: problem.feature },
    options,
  );
}
