import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEnvironment } from '../../../src/config/env.js';
import { STEPS } from '../../../src/domain/step.js';

/** The chart's variable names checked against the configuration schema, without rendering (that is the integration test's). */
const CHART = 'deploy/helm/soc-agent';
const environment = describeEnvironment();
const known = new Set(environment.map((variable) => variable.name));
const secret = new Set(environment.filter((variable) => variable.secret).map((variable) => variable.name));
/** Not secret in the schema, but a Redis URL may carry a password, so the chart lets it live in the Secret too. */
const SECRET_BY_CONTENT = 'REDIS_URL';

const ValuesSchema = z.looseObject({
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  secrets: z.record(z.string(), z.string()),
  workers: z.looseObject({ steps: z.record(z.string(), z.unknown()) }),
});

const valueFiles = ['values.yaml', ...readdirSync(path.join(CHART, 'ci')).map((file) => path.join('ci', file))];
const values = (file: string) => ValuesSchema.partial().parse(parse(readFileSync(path.join(CHART, file), 'utf8')));
const templates = readdirSync(path.join(CHART, 'templates')).map((file) => ({ file, text: readFileSync(path.join(CHART, 'templates', file), 'utf8') }));
const helpers = templates.find((template) => template.file === '_helpers.tpl')?.text ?? '';

/** The space-separated list a named template of _helpers.tpl returns. */
function definedList(name: string): string[] {
  const match = new RegExp(`{{- define "${name}" -}}\\n([A-Z0-9_ ]+)\\n{{- end }}`).exec(helpers);
  if (!match?.[1]) throw new Error(`_helpers.tpl defines no list ${name}`);
  return match[1].split(' ');
}

describe('the Helm chart values', () => {
  it.each(valueFiles)('%s sets under config only variables the config schema knows, none of them secret', (file) => {
    const names = Object.keys(values(file).config ?? {});
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(names.filter((name) => secret.has(name))).toEqual([]);
  });

  it.each(valueFiles)('%s sets under secrets only secret variables', (file) => {
    const names = Object.keys(values(file).secrets ?? {});
    expect(names.filter((name) => !secret.has(name) && name !== SECRET_BY_CONTENT)).toEqual([]);
  });

  it('offers every secret variable of the schema under secrets', () => {
    expect(Object.keys(values('values.yaml').secrets ?? {}).sort()).toEqual([...secret, SECRET_BY_CONTENT].sort());
  });

  it('has a worker entry for each step of the pipeline, and no other', () => {
    expect(Object.keys(values('values.yaml').workers?.steps ?? {}).sort()).toEqual([...STEPS].sort());
  });

  it('keeps the list of variables refused in the ConfigMap equal to the schema secrets', () => {
    expect(definedList('soc-agent.secretVariables').sort()).toEqual([...secret, SECRET_BY_CONTENT].sort());
  });

  it('sets from its templates only variables the config schema knows', () => {
    // Every quoted upper-case name in a template is a variable: secret keys, ConfigMap entries, WORKER_CONCURRENCY.
    const names = new Set([...definedList('soc-agent.chartVariables'), ...templates.flatMap(({ text }) => [...text.matchAll(/"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g)].map((match) => match[1] ?? ''))]);
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !known.has(name))).toEqual([]);
  });

  it('lists the steps in the worker templates in pipeline order', () => {
    for (const file of ['workers.yaml', 'keda-scaledobjects.yaml']) {
      const text = templates.find((template) => template.file === file)?.text ?? '';
      expect(/\$steps := list ((?:"[a-z_]+" ?)+)/.exec(text)?.[1]?.trim().split(' ').map((step) => step.replaceAll('"', '')), file).toEqual([...STEPS]);
    }
  });
});
