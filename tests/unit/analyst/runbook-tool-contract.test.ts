import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePath, EACH, type PathSegment } from '../../../src/analyst/fact-path.js';
import { loadRunbooks } from '../../../src/analyst/read-runbooks.js';
import { AlertSchema } from '../../../src/domain/alert.js';
import type { Condition, FactRef, Runbook } from '../../../src/domain/runbook.js';
import { TOOLS } from '../../../src/mcp-server/server.js';

/**
 * The runbooks are written against the MCP tools: every step must call its tool with arguments the tool's input
 * schema accepts, and every fact a signal, an escalation or a template reads must be a path the tool's output
 * schema has. A runbook written against an assumed shape fails here, not silently as "unknown" in production.
 */
const { runbooks } = loadRunbooks('runbooks');
const toolByName = new Map<string, (typeof TOOLS)[number]>(TOOLS.map((tool) => [tool.name, tool]));

/** The schema inside wrappers that do not change the shape of the JSON. */
function unwrap(schema: unknown): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodCatch) return unwrap(schema.unwrap());
  if (schema instanceof z.ZodPipe) return unwrap(schema.out);
  return schema;
}

/** Whether the JSON a schema describes can have something at `segments`. */
function hasPath(schema: unknown, segments: readonly PathSegment[]): boolean {
  const inner = unwrap(schema);
  const [segment, ...rest] = segments;
  if (segment === undefined) return true;
  if (inner instanceof z.ZodUnion) return inner.options.some((option) => hasPath(option, segments));
  if (segment === 'length' && (inner instanceof z.ZodArray || inner instanceof z.ZodString)) return rest.length === 0;
  if (typeof segment === 'number' || segment === EACH) return inner instanceof z.ZodArray && hasPath(inner.element, rest);
  if (inner instanceof z.ZodObject) return Object.hasOwn(inner.shape, segment) && hasPath(inner.shape[segment], rest);
  if (inner instanceof z.ZodRecord) return hasPath(inner.valueType, rest);
  return false;
}

function outputSchemaOf(runbook: Runbook, source: string): unknown {
  if (source === 'alert') return AlertSchema;
  const tool = runbook.steps.find((step) => step.id === source)?.tool ?? source;
  const module = toolByName.get(tool);
  if (!module) throw new Error(`${runbook.file}: no tool behind ${source}`);
  return module.outputSchema;
}

function refsOf(condition: Condition): FactRef[] {
  if ('all' in condition) return condition.all.flatMap(refsOf);
  if ('any' in condition) return condition.any.flatMap(refsOf);
  if ('not' in condition) return refsOf(condition.not);
  const ref = typeof condition.value === 'object' && condition.value !== null && !Array.isArray(condition.value) ? [condition.value.ref] : [];
  return [{ evidence: condition.evidence, path: condition.path }, ...ref];
}

/** `{{evidence.<step>.<path>}}` references inside a step's arguments. */
function templateRefs(value: unknown): FactRef[] {
  if (typeof value === 'string') return [...value.matchAll(/evidence\.([a-z][a-z0-9_]*)\.([^\s|}]+)/g)].map((match) => ({ evidence: match[1] ?? '', path: match[2] ?? '' }));
  if (Array.isArray(value)) return value.flatMap(templateRefs);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(templateRefs);
  return [];
}

const alertTemplatePaths = (value: unknown): string[] => {
  if (typeof value === 'string') return [...value.matchAll(/\balert\.([^\s|}]+)/g)].map((match) => match[1] ?? '');
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(alertTemplatePaths);
  return [];
};

const steps = runbooks.flatMap((runbook) => runbook.steps.map((step) => [`${runbook.name}: ${step.id}`, runbook, step] as const));

describe('runbooks against the tools they call', () => {
  it.each(steps)('%s passes only arguments its tool accepts', (_name, _runbook, step) => {
    const tool = toolByName.get(step.tool);
    if (!tool) throw new Error(`no tool ${step.tool}`);
    const input = unwrap(tool.inputSchema);
    if (!(input instanceof z.ZodObject)) throw new Error(`${step.tool} input is not an object`);
    expect(Object.keys(step.arguments).filter((key) => !(key in input.shape))).toEqual([]);
    // Literal values (no template) must already be valid: an enum spelled wrong fails the call at run time.
    for (const [key, value] of Object.entries(step.arguments)) {
      if (typeof value === 'string' && value.includes('{{')) continue;
      const field: unknown = input.shape[key];
      if (!(field instanceof z.ZodType)) throw new Error(`${step.tool} has no field ${key}`);
      expect(field.safeParse(value).success, `${step.tool}.${key} = ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it.each(steps)('%s reads only alert fields and earlier outputs that exist', (_name, runbook, step) => {
    for (const path of alertTemplatePaths(step.arguments)) expect(hasPath(AlertSchema, parsePath(path) ?? ['?']), `alert.${path}`).toBe(true);
    for (const ref of templateRefs(step.arguments)) expect(hasPath(outputSchemaOf(runbook, ref.evidence), parsePath(ref.path) ?? ['?']), `evidence.${ref.evidence}.${ref.path}`).toBe(true);
  });

  const conditions = runbooks.flatMap((runbook) => [
    ...runbook.signals.map((signal) => [`${runbook.name}: signal ${signal.id}`, runbook, signal.when] as const),
    ...runbook.escalation.map((trigger) => [`${runbook.name}: escalation ${trigger.id}`, runbook, trigger.when] as const),
  ]);

  it.each(conditions)('%s reads facts the tools return', (_name, runbook, when) => {
    const missing = refsOf(when).filter((ref) => !hasPath(outputSchemaOf(runbook, ref.evidence), parsePath(ref.path) ?? ['?']));
    expect(missing).toEqual([]);
  });

  it('catches a path the tool does not return', () => {
    const entityContext = toolByName.get('get_entity_context')?.outputSchema;
    if (!entityContext) throw new Error('no get_entity_context');
    expect(hasPath(entityContext, parsePath('inventory.user.isAdmin') ?? [])).toBe(true);
    expect(hasPath(entityContext, parsePath('inventory.isAdmin') ?? [])).toBe(false);
    expect(hasPath(entityContext, parsePath('inventory.cloudPrincipal.reads[*].bucket') ?? [])).toBe(true);
  });
});
