import { describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../../src/domain/errors.js';
import { parseRegressionInfo } from '../../../../src/producer/conformance/regression-info.js';

const info = `id: 11111111-0000-4000-8000-000000000001
description: N/A
date: 2025-10-24
author: Someone
rule_metadata:
    - id: 22222222-0000-4000-8000-000000000002
      title: Invented Rule
regression_tests_info:
    - name: Positive Detection Test
      type: evtx
      provider: Microsoft-Windows-Sysmon
      match_count: 4
      path: regression_data/rules/windows/x/22222222-0000-4000-8000-000000000002.evtx
`;

describe('parseRegressionInfo', () => {
  it('reads the rule id, title, expected match count and recording path of a SigmaHQ info.yml', () => {
    expect(parseRegressionInfo(info, 'x/info.yml')).toMatchObject({
      rule_metadata: [{ id: '22222222-0000-4000-8000-000000000002', title: 'Invented Rule' }],
      regression_tests_info: [{ match_count: 4, path: 'regression_data/rules/windows/x/22222222-0000-4000-8000-000000000002.evtx' }],
    });
  });

  it('accepts a folder whose tests are commented out and one whose test states no match count', () => {
    const commented = info.replace(/regression_tests_info:[\s\S]*$/, '# regression_tests_info:\n#    - name: Positive Detection Test\n');
    expect(parseRegressionInfo(commented, 'x/info.yml').regression_tests_info).toBeUndefined();
    const uncounted = info.replace('      match_count: 4\n', '');
    expect(parseRegressionInfo(uncounted, 'x/info.yml').regression_tests_info?.[0]?.match_count).toBeUndefined();
  });

  it('refuses an info.yml without a rule id, naming the file and the field', () => {
    const noRule = info.replace('    - id: 22222222-0000-4000-8000-000000000002\n      title: Invented Rule\n', '    - title: Invented Rule\n');
    expect(() => parseRegressionInfo(noRule, 'folder/info.yml')).toThrow(/^folder\/info\.yml: rule_metadata\.0\.id: /);
    expect(() => parseRegressionInfo('a: [', 'folder/info.yml')).toThrow(SocAgentError);
  });
});
