import { describe, expect, it } from 'vitest';
import { binaryScores, confusionMatrix, type VerdictPair } from '../../../src/eval/confusion-matrix.js';

const attack = (predicted: VerdictPair['predicted']): VerdictPair => ({ expected: 'malicious', malicious: true, predicted });
const benign = (predicted: VerdictPair['predicted']): VerdictPair => ({ expected: 'benign', malicious: false, predicted });

describe('confusionMatrix', () => {
  it('counts each expected verdict against each verdict given, a missing report in its own column', () => {
    const matrix = confusionMatrix([attack('malicious'), attack('malicious'), attack('suspicious'), attack('none'), benign('benign'), benign('malicious')]);
    expect(matrix.expected).toEqual(['benign', 'suspicious', 'malicious']);
    expect(matrix.predicted).toEqual(['benign', 'suspicious', 'malicious', 'none']);
    expect(matrix.counts).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 0],
      [0, 1, 2, 1],
    ]);
  });
});

describe('binaryScores', () => {
  it('scores malicious as the positive class, with suspicious and missing verdicts as negatives', () => {
    const scores = binaryScores([attack('malicious'), attack('malicious'), attack('suspicious'), attack('none'), benign('benign'), benign('malicious')]);
    expect(scores).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2, trueNegatives: 1 });
    expect(scores.precision).toBeCloseTo(2 / 3, 12);
    expect(scores.recall).toBeCloseTo(0.5, 12);
    expect(scores.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 12);
  });

  it('leaves recall and F1 unmeasured when nothing was malicious, and precision when nothing was called so', () => {
    const scores = binaryScores([benign('benign'), benign('suspicious')]);
    expect(scores).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 2, precision: null, recall: null, f1: null });
  });

  it('gives precision 0 and F1 null when every alarm was false and there was no attack', () => {
    expect(binaryScores([benign('malicious')])).toMatchObject({ precision: 0, recall: null, f1: null });
  });

  it('gives F1 0, not an error, when attacks were all missed and one benign event was called malicious', () => {
    expect(binaryScores([attack('benign'), benign('malicious')])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('scores an empty set as unmeasured', () => {
    expect(binaryScores([])).toMatchObject({ precision: null, recall: null, f1: null });
  });
});
