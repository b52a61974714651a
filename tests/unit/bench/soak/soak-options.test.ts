import { describe, expect, it } from 'vitest';
import { parseSoakOptions } from '../../../../bench/soak/soak-options.js';

describe('soak options', () => {
  it('defaults to ten minutes at 300 events per second', () => {
    expect(parseSoakOptions([])).toMatchObject({ minutes: 10, rate: 300 });
  });

  it('reads a short run as CI asks for it', () => {
    expect(parseSoakOptions(['--minutes', '1', '--rate', '100', '--scenario-every', '0.1'])).toMatchObject({ minutes: 1, rate: 100, 'scenario-every': 0.1 });
  });

  it('names the option whose value is wrong', () => {
    expect(() => parseSoakOptions(['--rate', 'fast'])).toThrow(/^--rate: /);
    expect(() => parseSoakOptions(['--minutes', '0'])).toThrow(/^--minutes: /);
  });

  it('refuses an unknown option and lists the known ones', () => {
    expect(() => parseSoakOptions(['--hours', '2'])).toThrow(/--hours.*options are --minutes, --rate/);
  });
});
