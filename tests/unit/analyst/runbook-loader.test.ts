import { describe, expect, it } from 'vitest';
import { loadRunbooks, readRunbookFiles } from '../../../src/analyst/read-runbooks.js';
import { buildRunbookSet, parseRunbook } from '../../../src/analyst/runbook-loader.js';
import { RUNBOOK_STEPS_MAX } from '../../../src/domain/runbook.js';
import { ToolNameSchema } from '../../../src/domain/evidence.js';

const set = loadRunbooks('runbooks');
const EXPECTED = ['brute-force', 'credential-access', 'data-exfiltration', 'defense-evasion', 'generic', 'lateral-movement', 'privilege-escalation'];

const minimal = (name: string, extra = ''): string => `---
name: ${name}
title: Test runbook
version: 1.0.0
applies_to: { keywords: [testing] }
steps:
  - { id: alert, tool: get_alert, arguments: { alert_id: "{{alert.id}}" }, purpose: The alert. }
signals:
  - { id: listed, description: Listed, weight: 2, when: { evidence: alert, path: severity, op: eq, value: high } }
actions:
  - { id: close_alert, description: Close it., dispositions: [benign] }
false_positives: [none]
${extra}---
# Test

Body.
`;

describe('the runbooks under runbooks/', () => {
  it('all load without errors', () => {
    expect(set.errors.map((error) => error.message)).toEqual([]);
    expect(set.runbooks.map((runbook) => runbook.name).sort()).toEqual(EXPECTED);
  });

  it('have exactly one fallback, the generic runbook', () => {
    expect(set.runbooks.filter((runbook) => runbook.applies_to.fallback).map((runbook) => runbook.name)).toEqual(['generic']);
  });

  it.each(readRunbookFiles('runbooks').map((file) => [file.file, file] as const))('%s starts with the alert, stays bounded, and has signals both ways', (_file, file) => {
    const runbook = parseRunbook(file);
    expect(runbook.steps[0]?.tool).toBe('get_alert');
    expect(runbook.steps.length).toBeLessThanOrEqual(RUNBOOK_STEPS_MAX);
    expect(runbook.steps.every((step) => ToolNameSchema.options.includes(step.tool))).toBe(true);
    expect(runbook.signals.some((signal) => signal.weight > 0)).toBe(true);
    expect(runbook.signals.some((signal) => signal.weight < 0)).toBe(true);
    expect(runbook.actions.some((action) => action.dispositions.includes('benign'))).toBe(true);
    expect(runbook.actions.some((action) => action.dispositions.includes('malicious'))).toBe(true);
    expect(runbook.body).toMatch(/^# /);
  });

  it('never reads free text of log fields in a signal', () => {
    // Signals read facts (counts, inventory, enrichment, times); summaries, messages and most of a sample row carry
    // attacker text. Of a sample row only the structured request fields are read, compared with fixed values or
    // the inventory: the S3 bucket and the IAM policy ARN.
    const paths = set.runbooks.flatMap((runbook) => JSON.stringify([runbook.signals, runbook.escalation]).match(/"path":"[^"]+"/g) ?? []);
    expect(paths.filter((path) => /summary|message|command|user_agent|userAgent|note|targetUser/.test(path))).toEqual([]);
    expect(paths.filter((path) => /events\[/.test(path) && !/events\[(\d+|\*)\]\.(bucket|policy)"$/.test(path))).toEqual([]);
  });
});

describe('parseRunbook', () => {
  it('accepts a minimal runbook', () => {
    expect(parseRunbook({ file: 'runbooks/test.md', text: minimal('test') }).name).toBe('test');
  });

  it('names the file when the front matter is missing', () => {
    expect(() => parseRunbook({ file: 'runbooks/test.md', text: '# no front matter' })).toThrow(/^runbooks\/test\.md: expected a YAML front matter/);
  });

  it('names the file and the field when the schema refuses it', () => {
    const text = minimal('test').replace('weight: 2', 'weight: 9');
    expect(() => parseRunbook({ file: 'runbooks/test.md', text })).toThrow(/^runbooks\/test\.md: signals\.0\.weight/);
  });

  it('refuses a name that differs from the file name', () => {
    expect(() => parseRunbook({ file: 'runbooks/other.md', text: minimal('test') })).toThrow(/runbooks\/other\.md: name "test" differs/);
  });

  it('refuses a signal reading evidence no step collects', () => {
    const text = minimal('test').replace('evidence: alert, path: severity', 'evidence: nowhere, path: total');
    expect(() => parseRunbook({ file: 'runbooks/test.md', text })).toThrow(/signal listed reads evidence "nowhere"/);
  });

  it('refuses a step pivoting on a step that runs after it', () => {
    const text = minimal('test').replace(
      '  - { id: alert, tool: get_alert',
      '  - { id: early, tool: enrich_ip, arguments: { ip: "{{evidence.alert.alert.id}}" }, purpose: Too early. }\n  - { id: alert, tool: get_alert',
    );
    expect(() => parseRunbook({ file: 'runbooks/test.md', text })).toThrow(/step early reads evidence\.alert, which is not an earlier step/);
  });

  it('refuses a path into the prototype chain', () => {
    const text = minimal('test').replace('path: severity', 'path: __proto__.polluted');
    expect(() => parseRunbook({ file: 'runbooks/test.md', text })).toThrow(/runbooks\/test\.md: signals\.0\.when/);
  });

  it('refuses broken YAML, naming the file', () => {
    expect(() => parseRunbook({ file: 'runbooks/test.md', text: '---\nname: [unclosed\n---\nbody' })).toThrow(/^runbooks\/test\.md: front matter is not valid YAML/);
  });
});

describe('buildRunbookSet', () => {
  it('loads the good files and reports the broken one by name', () => {
    const result = buildRunbookSet([
      { file: 'runbooks/test.md', text: minimal('test') },
      { file: 'runbooks/broken.md', text: 'nothing' },
    ]);
    expect(result.runbooks.map((runbook) => runbook.name)).toEqual(['test']);
    expect(result.errors[0]?.message).toMatch(/^runbooks\/broken\.md\b/);
  });

  it('refuses a second fallback runbook, naming both files', () => {
    const fallback = (name: string) => minimal(name).replace('applies_to: { keywords: [testing] }', 'applies_to: { fallback: true }');
    const result = buildRunbookSet([
      { file: 'runbooks/one.md', text: fallback('one') },
      { file: 'runbooks/two.md', text: fallback('two') },
    ]);
    expect(result.runbooks).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('runbooks/two.md');
    expect(result.errors[0]?.message).toContain('runbooks/one.md');
  });
});
