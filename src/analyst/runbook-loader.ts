import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import { RunbookFrontMatterSchema, RunbookSchema, type Runbook, type RunbookFrontMatter } from '../domain/runbook.js';
import { conditionSources } from './condition.js';
import { templateStepRefs } from './template.js';

export interface RunbookFile {
  /** Path shown in errors, e.g. `runbooks/brute-force.md`. */
  file: string;
  text: string;
}

export interface RunbookSet {
  runbooks: Runbook[];
  /** Files that could not be loaded; each message starts with the file. */
  errors: SocAgentError[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

function invalid(file: string, message: string, extra: Record<string, unknown> = {}): SocAgentError {
  return new SocAgentError('INPUT_INVALID', `${file}: ${message}`, { file, ...extra });
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(front matter)'}: ${issue.message}`)
    .join('; ');
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** Cross-checks the schema cannot express: unique ids, and every reference pointing at something that exists. */
function checkReferences(file: string, front: RunbookFrontMatter): void {
  for (const [kind, ids] of [
    ['step', front.steps.map((step) => step.id)],
    ['signal', front.signals.map((signal) => signal.id)],
    ['escalation', front.escalation.map((trigger) => trigger.id)],
    ['action', front.actions.map((action) => action.id)],
  ] as const) {
    const repeated = duplicates(ids);
    if (repeated.length > 0) throw invalid(file, `${kind} id ${repeated.join(', ')} appears more than once`);
  }
  front.steps.forEach((step, index) => {
    const earlier = new Set(front.steps.slice(0, index).map((candidate) => candidate.id));
    for (const ref of templateStepRefs(step.arguments)) {
      if (!earlier.has(ref)) throw invalid(file, `step ${step.id} reads evidence.${ref}, which is not an earlier step`, { step: step.id });
    }
  });
  const sources = new Set(['alert', ...front.steps.map((step) => step.id), ...front.steps.map((step) => step.tool)]);
  const conditions = [...front.signals.map((signal) => ['signal', signal.id, signal.when] as const), ...front.escalation.map((trigger) => ['escalation', trigger.id, trigger.when] as const)];
  for (const [kind, id, when] of conditions) {
    const unknown = conditionSources(when).filter((source) => !sources.has(source));
    if (unknown.length > 0) throw invalid(file, `${kind} ${id} reads evidence "${unknown.join('", "')}", which is neither alert, a step id nor a tool of a step`, { [kind]: id });
  }
}

/** Parses and validates one runbook file; throws an error naming the file. Pure: the text is given. */
export function parseRunbook({ file, text }: RunbookFile): Runbook {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw invalid(file, 'expected a YAML front matter between two --- lines at the top');
  let yaml: unknown;
  try {
    yaml = parseYaml(match[1] ?? '');
  } catch (error) {
    throw invalid(file, `front matter is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {});
  }
  const parsed = RunbookFrontMatterSchema.safeParse(yaml);
  if (!parsed.success) throw invalid(file, formatIssues(parsed.error.issues));
  const slug = path.basename(file).replace(/\.md$/, '');
  if (parsed.data.name !== slug) throw invalid(file, `name "${parsed.data.name}" differs from the file name "${slug}"`);
  checkReferences(file, parsed.data);
  const body = (match[2] ?? '').trim();
  if (body.length === 0) throw invalid(file, 'the Markdown playbook after the front matter is empty');
  return RunbookSchema.parse({ ...parsed.data, body, file });
}

/** Loads every runbook it can; a broken file is reported by name and the others still load. */
export function buildRunbookSet(files: readonly RunbookFile[]): RunbookSet {
  const runbooks: Runbook[] = [];
  const errors: SocAgentError[] = [];
  for (const file of files) {
    try {
      const runbook = parseRunbook(file);
      const twin = runbooks.find((candidate) => candidate.name === runbook.name);
      if (twin) throw invalid(file.file, `runbook name ${runbook.name} is already used by ${twin.file}`);
      const otherFallback = runbook.applies_to.fallback ? runbooks.find((candidate) => candidate.applies_to.fallback) : undefined;
      if (otherFallback) throw invalid(file.file, `only one runbook may be the fallback; ${otherFallback.file} already is`);
      runbooks.push(runbook);
    } catch (error) {
      errors.push(error instanceof SocAgentError ? error : invalid(file.file, error instanceof Error ? error.message : String(error)));
    }
  }
  return { runbooks, errors };
}
