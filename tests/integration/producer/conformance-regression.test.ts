import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessRuleFolder, indexRulesById } from '../../../src/producer/conformance/rule-collection.js';
import type { SchemaValidators } from '../../../src/producer/conformance/rule-outcome.js';
import { runRegression } from '../../../src/producer/conformance/run-regression.js';
import type { SampleOutcome } from '../../../src/producer/conformance/sample-outcome.js';
import { isolate } from '../../support/isolation.js';

const fixtures = 'tests/fixtures/sigma-regression';
const iso = isolate();
afterAll(() => iso.cleanup());

/** The fixture folder has no copy of the specification's schemas; these tell a rule from a correlation. */
function validators(): SchemaValidators {
  const ajv = new Ajv2020();
  return {
    detection: ajv.compile({ type: 'object', required: ['title', 'logsource', 'detection'] }),
    correlation: ajv.compile({ type: 'object', required: ['title', 'correlation'] }),
  };
}

const byRule = (samples: readonly SampleOutcome[], suffix: string): SampleOutcome | undefined =>
  samples.find((sample) => sample.ruleId.endsWith(suffix));

describe('runRegression on the invented SigmaHQ-shaped fixtures', () => {
  let samples: SampleOutcome[];
  beforeAll(async () => {
    const rules = assessRuleFolder(join(fixtures, 'rules'), validators());
    samples = await runRegression(iso.es, {
      regressionDir: join(fixtures, 'regression'),
      rules: indexRulesById(rules),
      namespace: iso.config.namespace,
      templatePrefix: iso.config.prefix,
    });
  });

  it('gives every sample exactly one outcome', () => {
    expect(samples.map((sample) => [sample.ruleId.slice(-4), sample.outcome])).toEqual([
      ['b005', 'rule_not_in_set'],
      ['b004', 'rule_unmapped'],
      ['b003', 'sample_unmappable'],
      ['b002', 'not_matched'],
      ['b001', 'matched'],
    ]);
  });

  it('counts only the events of the rule’s own sample, as many as info.yml expects', () => {
    expect(byRule(samples, 'b001')).toMatchObject({
      outcome: 'matched',
      events: 2,
      hits: 1,
      expectedMatches: 1,
      logsource: 'windows/sysmon/process_creation',
      sampleFile: 'rules/windows/process_creation/proc_creation_win_invented_collector/5e1f0c3a-0000-4000-8000-00000000b001.json',
    });
  });

  it('does not let another sample satisfy a rule, and names the clause that excluded its own sample', () => {
    // The first event of sample b001 has ' --collect' under cmd.exe, which rule b002 matches; it must not count here.
    const miss = byRule(samples, 'b002');
    expect(miss).toMatchObject({ outcome: 'not_matched', hits: 0, ruleTitle: 'Collect Flag Outside Explorer' });
    expect(miss?.reason).toMatch(/^must_not\[0\] excluded it: .*explorer\.exe/);
  });

  it('says which channel of a sample is not collected', () => {
    expect(byRule(samples, 'b003')?.reason).toBe('no collected channel among System');
  });

  it('leaves no data stream or template of its namespace behind', async () => {
    const streams = await iso.es.indices.getDataStream({ name: `logs-*-${iso.config.namespace}` });
    expect(streams.data_streams).toEqual([]);
    const templates = await iso.es.indices.getIndexTemplate({ name: `${iso.config.prefix}-logs-*` }, { ignore: [404] });
    expect(templates.index_templates ?? []).toEqual([]);
  });
});
