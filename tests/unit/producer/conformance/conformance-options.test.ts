import { describe, expect, it } from 'vitest';
import { parseConformanceArgs } from '../../../../src/producer/conformance/conformance-options.js';

describe('parseConformanceArgs', () => {
  it('reads the folder, the JSON output and the CI threshold', () => {
    expect(parseConformanceArgs(['../sigma', '--json', 'out.json', '--min-match', '95'])).toEqual({
      dir: '../sigma',
      json: 'out.json',
      rulesOnly: false,
      minMatch: 95,
    });
  });

  it('refuses a threshold that is not a percentage, or that --rules-only could never measure', () => {
    expect(() => parseConformanceArgs(['d', '--min-match', 'high'])).toThrow(/minMatch/);
    expect(() => parseConformanceArgs(['d', '--min-match', '101'])).toThrow(/minMatch/);
    expect(() => parseConformanceArgs(['d', '--rules-only', '--min-match', '90'])).toThrow(/--rules-only/);
  });

  it('asks for exactly one folder and shows the usage', () => {
    expect(() => parseConformanceArgs([])).toThrow(/expected one Sigma folder, got 0\nusage:/);
    expect(() => parseConformanceArgs(['a', '--bogus'])).toThrow(/usage:/);
  });
});
