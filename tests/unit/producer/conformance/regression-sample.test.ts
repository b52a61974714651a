import { describe, expect, it } from 'vitest';
import { listRegressionSamples, samplesOfInfo } from '../../../../src/producer/conformance/regression-sample.js';

const rule = { id: '22222222-0000-4000-8000-000000000002', title: 'Invented Rule' };

describe('samplesOfInfo', () => {
  it('names the JSON conversion of the recording beside info.yml, with its expected match count', () => {
    const samples = samplesOfInfo(
      { rule_metadata: [rule], regression_tests_info: [{ match_count: 1, path: 'regression_data/rules/windows/x/recording.evtx' }] },
      'rules/windows/x',
    );
    expect(samples).toEqual([
      { folder: 'rules/windows/x', ruleId: rule.id, ruleTitle: 'Invented Rule', sampleFile: 'rules/windows/x/recording.json', expectedMatches: 1 },
    ]);
  });

  it('names the sample after the rule id when the test gives no path, and states no count it was not given', () => {
    const [sample] = samplesOfInfo({ rule_metadata: [rule], regression_tests_info: [{ name: 'Positive Detection Test' }] }, 'f');
    expect(sample).toEqual({ folder: 'f', ruleId: rule.id, ruleTitle: 'Invented Rule', sampleFile: `f/${rule.id}.json` });
  });

  it('still counts a folder that lists no test, as a sample without a file', () => {
    expect(samplesOfInfo({ rule_metadata: [rule] }, 'f')).toEqual([{ folder: 'f', ruleId: rule.id, ruleTitle: 'Invented Rule' }]);
  });
});

describe('listRegressionSamples', () => {
  it('finds every info.yml under the folder, in path order', () => {
    const samples = listRegressionSamples('tests/fixtures/sigma-regression/regression');
    expect(samples.map((sample) => sample.folder)).toEqual([
      'rules-emerging-threats/2025/Invented/proc_creation_win_invented_threat',
      'rules/macos/process_creation/proc_creation_macos_invented',
      'rules/windows/builtin/system/win_system_invented_service',
      'rules/windows/process_creation/proc_creation_win_invented_collect_flag',
      'rules/windows/process_creation/proc_creation_win_invented_collector',
    ]);
  });
});
