import { describe, expect, it } from 'vitest';
import { parseEvalArgs, withTwins } from '../../../src/eval/eval-options.js';

describe('parseEvalArgs', () => {
  it('defaults to the offline analyst on seeds 1, 2 and 3 on a Wednesday', () => {
    expect(parseEvalArgs([])).toMatchObject({ analyst: 'offline', seeds: ['1', '2', '3'], people: 20, hours: 24, start: '2026-11-18T00:00:00.000Z', keep: false });
  });

  it('reads every option', () => {
    const options = parseEvalArgs(['--analyst', 'claude', '--seeds', '4, 5', '--people', '12', '--hours', '6', '--start', '2026-11-19T08:00:00Z', '--name', 'nightly', '--keep', '--id', 'abc1', '--timeout-minutes', '30']);
    expect(options).toMatchObject({ analyst: 'claude', seeds: ['4', '5'], people: 12, hours: 6, start: '2026-11-19T08:00:00Z', name: 'nightly', keep: true, id: 'abc1', timeoutMinutes: 30 });
  });

  it('adds the clean twin of an adversarial scenario asked for', () => {
    expect(parseEvalArgs(['--scenarios', 'ssh_brute_force_injected']).scenarios).toEqual(['ssh_brute_force', 'ssh_brute_force_injected']);
    expect(withTwins(['benign_iam_onboarding'])).toEqual(['benign_iam_onboarding']);
  });

  it('names the option that is wrong', () => {
    expect(() => parseEvalArgs(['--analyst', 'gpt'])).toThrow(/--analyst: /);
    expect(() => parseEvalArgs(['--seeds', '1,Two'])).toThrow(/--seeds: expected 1–8 lowercase letters or digits/);
    expect(() => parseEvalArgs(['--scenarios', 'phishing'])).toThrow(/--scenarios: unknown scenario type "phishing"/);
    expect(() => parseEvalArgs(['--people', '2'])).toThrow(/--people: /);
    expect(() => parseEvalArgs(['--start', '2026-11-18T00:30:00Z'])).toThrow(/--start: expected a whole hour/);
    expect(() => parseEvalArgs(['--timeout-minutes', '0'])).toThrow(/--timeout-minutes: /);
    expect(() => parseEvalArgs(['--bogus'])).toThrow(/bogus/);
  });
});
