import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assessSigmaFile, type SchemaValidators } from '../../../../src/producer/conformance/rule-outcome.js';
import { summarizeOutcomes } from '../../../../src/producer/conformance/rule-summary.js';

/** Small stand-ins for the specification's schemas: enough to tell valid from invalid documents. */
function validators(): SchemaValidators {
  const ajv = new Ajv2020();
  return {
    detection: ajv.compile({ type: 'object', required: ['title', 'logsource', 'detection'] }),
    correlation: ajv.compile({ type: 'object', required: ['title', 'correlation'] }),
  };
}

const rule = (logsource: string, detection: string) => `title: R
id: 00000000-0000-4000-8000-00000000000a
logsource:
${logsource}
detection:
${detection}
`;
const sysmon = '    product: windows\n    category: process_creation';

describe('assessSigmaFile', () => {
  it('sorts each document into exactly one outcome, in the documented order', () => {
    const outcomes = [
      ...assessSigmaFile('ok.yml', rule(sysmon, '    s:\n        Image: x\n    condition: s'), validators()),
      ...assessSigmaFile('schema.yml', 'title: No detection\nlogsource: {}\n', validators()),
      ...assessSigmaFile('parse.yml', rule(sysmon, '    s:\n        Image: x\n    condition: s and'), validators()),
      ...assessSigmaFile('unmapped.yml', rule('    product: macos\n    category: process_creation', '    s:\n        Image: x\n    condition: s'), validators()),
      ...assessSigmaFile('unsupported.yml', rule(sysmon, '    s:\n        Image|fieldref: ParentImage\n    condition: s'), validators()),
    ];
    expect(outcomes.map((o) => [o.file, o.outcome, o.logsource, o.feature])).toEqual([
      ['ok.yml', 'compiled', 'windows/sysmon/process_creation', undefined],
      ['schema.yml', 'schema_invalid', undefined, 'required'],
      ['parse.yml', 'parse_error', 'windows/sysmon/process_creation', 'condition syntax'],
      ['unmapped.yml', 'unmapped_logsource', 'macos/process_creation/-', undefined],
      ['unsupported.yml', 'unsupported', 'windows/sysmon/process_creation', 'modifier fieldref'],
    ]);
    const summary = summarizeOutcomes(outcomes);
    expect(summary.byOutcome).toEqual({ schema_invalid: 1, parse_error: 1, unmapped_logsource: 1, unsupported: 1, compiled: 1, internal_error: 0 });
    expect(summary.mapped).toBe(3);
    expect(summary.compiledPercentOfMapped).toBe(33.3);
    expect(summary.topUnsupportedFeatures).toEqual([{ feature: 'modifier fieldref', count: 1 }]);
  });

  it('compiles a correlation against the rules of its own file', () => {
    const text = `title: C
correlation:
    type: event_count
    rules: [base]
    group-by: [User]
    timespan: 5m
    condition:
        gte: 3
---
title: Base
name: base
logsource:
${sysmon}
detection:
    s:
        Image: x
    condition: s
`;
    expect(assessSigmaFile('mr.yml', text, validators()).map((o) => [o.document, o.outcome, o.logsource])).toEqual([
      [1, 'compiled', 'correlation'],
      [2, 'compiled', 'windows/sysmon/process_creation'],
    ]);
  });
});
