import type { JsonValue } from '../domain/evidence.js';
import { readPath } from './fact-path.js';

/**
 * Templates in runbook step arguments: `{{alert.entities.sourceIps[0]}}` reads the alert,
 * `{{evidence.user_logons.aggregations.topSourceIps[0].value}}` reads what an earlier step returned, `a || b` takes
 * the first that exists, and `| offset:-30m` moves an ISO time (s, m, h, d). Nothing else: no code, no calls.
 */
export interface TemplateScope {
  alert: unknown;
  /** Output of each step collected so far, by step id. */
  evidence: ReadonlyMap<string, unknown>;
  /** Steps already tried, with or without evidence: a ref to one that returned nothing will never resolve. */
  attempted: ReadonlySet<string>;
}

export type Resolution =
  | { status: 'resolved'; value: JsonValue }
  | { status: 'pending'; waitsFor: string }
  | { status: 'missing'; reason: string };

/** Longest resolved string: enough for a user name, an ARN or an ISO time, not for a log dump. */
export const TEMPLATE_STRING_MAX = 512;
/** Most items of a resolved list. */
export const TEMPLATE_LIST_MAX = 20;

const WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;
const EMBEDDED = /\{\{\s*([^{}]+?)\s*\}\}/g;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function toJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value.length <= TEMPLATE_STRING_MAX ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.slice(0, TEMPLATE_LIST_MAX).map(toJson);
    return items.every((item) => item !== undefined) ? items.filter((item): item is JsonValue => item !== undefined) : undefined;
  }
  return undefined;
}

function applyFilter(value: JsonValue, filter: string): JsonValue | undefined {
  const offset = /^offset:([+-]?)(\d{1,6})([smhd])$/.exec(filter);
  if (!offset || typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const delta = Number(offset[2]) * (UNIT_MS[offset[3] ?? 's'] ?? 1_000) * (offset[1] === '-' ? -1 : 1);
  return new Date(ms + delta).toISOString();
}

function resolveAlternative(text: string, scope: TemplateScope): Resolution {
  const [reference = '', ...filters] = text.split('|').map((part) => part.trim());
  let raw: unknown;
  if (reference === 'alert' || reference.startsWith('alert.')) {
    raw = readPath(scope.alert, reference.slice('alert.'.length));
  } else {
    const match = /^evidence\.([a-z][a-z0-9_]*)\.(.+)$/.exec(reference);
    if (!match?.[1] || !match[2]) return { status: 'missing', reason: `"${reference}" is neither alert.… nor evidence.<step>.…` };
    const stepId = match[1];
    if (!scope.evidence.has(stepId)) {
      return scope.attempted.has(stepId) ? { status: 'missing', reason: `step ${stepId} returned no evidence` } : { status: 'pending', waitsFor: stepId };
    }
    raw = readPath(scope.evidence.get(stepId), match[2]);
  }
  let value = raw === undefined ? undefined : toJson(raw);
  if (value === undefined || value === null) return { status: 'missing', reason: `${reference} has no usable value` };
  for (const filter of filters) {
    value = applyFilter(value, filter);
    if (value === undefined) return { status: 'missing', reason: `filter "${filter}" does not apply to ${reference}` };
  }
  return { status: 'resolved', value };
}

/** `a || b || c`: the first that resolves; an earlier one still pending makes the whole wait. */
export function resolveExpression(expression: string, scope: TemplateScope): Resolution {
  let last: Resolution = { status: 'missing', reason: 'empty template' };
  for (const alternative of expression.split('||')) {
    last = resolveAlternative(alternative.trim(), scope);
    if (last.status !== 'missing') return last;
  }
  return last;
}

/** Resolves every template inside a JSON value; the first pending or missing template decides the result. */
export function resolveTemplate(template: JsonValue, scope: TemplateScope): Resolution {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole?.[1]) return resolveExpression(whole[1], scope);
    let failure: Resolution | undefined;
    const text = template.replace(EMBEDDED, (_match, expression: string) => {
      const resolution = resolveExpression(expression, scope);
      if (resolution.status !== 'resolved') {
        failure ??= resolution;
        return '';
      }
      const value = resolution.value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      failure ??= { status: 'missing', reason: `${expression} is a list or object inside text` };
      return '';
    });
    if (failure) return failure;
    return text.length <= TEMPLATE_STRING_MAX ? { status: 'resolved', value: text } : { status: 'missing', reason: 'resolved text is too long' };
  }
  if (Array.isArray(template)) {
    const items: JsonValue[] = [];
    for (const item of template) {
      const resolution = resolveTemplate(item, scope);
      if (resolution.status !== 'resolved') return resolution;
      items.push(resolution.value);
    }
    return { status: 'resolved', value: items };
  }
  if (template !== null && typeof template === 'object') {
    const entries: [string, JsonValue][] = [];
    for (const [key, item] of Object.entries(template)) {
      const resolution = resolveTemplate(item, scope);
      if (resolution.status !== 'resolved') return resolution;
      entries.push([key, resolution.value]);
    }
    return { status: 'resolved', value: Object.fromEntries(entries) };
  }
  return { status: 'resolved', value: template };
}

/** Step ids a template reads evidence from, for checking a runbook on load. */
export function templateStepRefs(template: JsonValue): string[] {
  if (typeof template === 'string') return [...template.matchAll(/evidence\.([a-z][a-z0-9_]*)\./g)].map((match) => match[1] ?? '');
  if (Array.isArray(template)) return template.flatMap(templateStepRefs);
  if (template !== null && typeof template === 'object') return Object.values(template).flatMap(templateStepRefs);
  return [];
}
