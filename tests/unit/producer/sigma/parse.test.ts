import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { parseSigmaYaml } from '../../../../src/producer/sigma/parse.js';

const FIXTURES = new URL('../../../fixtures/sigma/', import.meta.url);

function parseError(yaml: string, file = 'bad.yml'): SocAgentError {
  try {
    parseSigmaYaml(yaml, file);
  } catch (error) {
    if (error instanceof SocAgentError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parseSigmaYaml', () => {
  it('reads a detection rule with its metadata', () => {
    const [document] = parseSigmaYaml(readFileSync(new URL('proc_creation_win_whoami_priv.yml', FIXTURES), 'utf8'), 'whoami.yml');
    expect(document?.kind).toBe('detection');
    if (document?.kind !== 'detection') return;
    expect(document.file).toBe('whoami.yml');
    expect(document.rule).toMatchObject({
      title: 'Whoami Privilege Discovery',
      id: '3c0b2f6e-5a5e-4f0d-9d7e-1f1b7f2a9c01',
      status: 'test',
      level: 'medium',
      date: '2025-01-10',
      tags: ['attack.discovery', 'attack.t1033'],
      logsource: { category: 'process_creation', product: 'windows' },
      falsepositives: ['Administrators checking their own privileges'],
      references: [],
    });
    expect(document.rule.detection.conditions).toEqual(['all of selection_* and not 1 of filter_main_*']);
    expect(Object.keys(document.rule.detection.identifiers)).toEqual(['selection_img', 'selection_cli', 'filter_main_system']);
  });

  it('reads every document of a multi-document file, correlations first as written', () => {
    const documents = parseSigmaYaml(readFileSync(new URL('mr_brute_force_then_login.yml', FIXTURES), 'utf8'), 'mr.yml');
    expect(documents.map((doc) => [doc.kind, doc.rule.title, doc.file])).toEqual([
      ['correlation', 'Failed Logons Followed by a Successful Logon', 'mr.yml'],
      ['correlation', 'Many Failed Logons for One User', 'mr.yml#2'],
      ['detection', 'Failed Logon', 'mr.yml#3'],
      ['detection', 'Successful Logon', 'mr.yml#4'],
    ]);
    const [first] = documents;
    if (first?.kind !== 'correlation') throw new Error('expected a correlation');
    expect(first.rule.correlation).toMatchObject({ type: 'temporal_ordered', rules: ['failed_logon', 'successful_logon'], timespan: '10m' });
  });

  it('names the file, rule and field of a schema violation', () => {
    const error = parseError('title: Broken\nid: abc\nlogsource:\n    product: windows\ndetection:\n    sel:\n        a: b\n');
    expect(error.code).toBe('RULE_INVALID');
    expect(error.context).toMatchObject({ rule: { file: 'bad.yml', title: 'Broken', id: 'abc' }, field: 'detection.condition' });
    expect(error.message).toMatch(/^bad\.yml "Broken" \(abc\): field 'detection\.condition':/);
  });

  it('refuses a nested map as a detection value', () => {
    const error = parseError('title: Nested\nlogsource:\n    product: windows\ndetection:\n    sel:\n        a:\n            b: c\n    condition: sel\n');
    expect(error.code).toBe('RULE_INVALID');
    expect(error.context.field).toBe('detection.sel');
  });

  it('refuses an unknown level', () => {
    expect(parseError('title: L\nlevel: severe\nlogsource: {}\ndetection:\n    s: {a: b}\n    condition: s\n').context.field).toBe('level');
  });

  it('refuses a correlation without a valid timespan', () => {
    const error = parseError('title: C\ncorrelation:\n    type: event_count\n    rules: [a]\n    timespan: 5 minutes\n');
    expect(error.context).toMatchObject({ field: 'correlation.timespan', feature: 'correlation' });
  });

  it('refuses Sigma v1 timeframe aggregations as unsupported', () => {
    const error = parseError('title: T\nlogsource: {product: windows}\ndetection:\n    s: {a: b}\n    timeframe: 5m\n    condition: s | count() > 5\n');
    expect(error.code).toBe('RULE_UNSUPPORTED');
    expect(error.context.feature).toBe('timeframe');
  });

  it('reports broken YAML with the file name', () => {
    const error = parseError('title: [unclosed\n');
    expect(error.context).toMatchObject({ rule: { file: 'bad.yml' }, feature: 'yaml' });
  });
});
