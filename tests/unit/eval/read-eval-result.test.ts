import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalResult } from '../../../src/eval/read-eval-result.js';
import { makeEvalResult, scoredPair } from '../../support/eval-records.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'soc-eval-read-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const pair = scoredPair('bf');
const valid = makeEvalResult([pair.scenario], [pair.investigation]);

describe('readEvalResult', () => {
  it('reads back a result it wrote', () => {
    expect(readEvalResult(write('ok.json', JSON.stringify(valid)))).toEqual(valid);
  });

  it('names the file and the bad field when the file is not an eval result', () => {
    const broken = { ...valid, metrics: { ...valid.metrics, verdict: { ...valid.metrics.verdict, accuracy: 'high' } } };
    expect(() => readEvalResult(write('broken.json', JSON.stringify(broken)))).toThrow(/broken\.json is not an eval result: metrics\.verdict\.accuracy: /);
  });

  it('says so when the file is not JSON or cannot be read', () => {
    expect(() => readEvalResult(write('text.json', 'verdict: fine'))).toThrow(/text\.json is not JSON/);
    expect(() => readEvalResult(path.join(dir, 'absent.json'))).toThrow(/cannot read .*absent\.json/);
  });
});
