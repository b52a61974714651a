import { describe, expect, it } from 'vitest';
import { calibrate, CALIBRATION, confidenceFor, dispositionFor, penaliseUngrounded, probabilityMalicious } from '../../../src/analyst/calibration.js';

const scores = Array.from({ length: 81 }, (_, i) => (i - 40) / 4);

describe('calibration', () => {
  it('maps a score of 0 to a coin toss', () => {
    expect(probabilityMalicious(0)).toBe(0.5);
  });

  it('is strictly increasing in the score', () => {
    const probabilities = scores.map((score) => probabilityMalicious(score));
    probabilities.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(probabilities[i] ?? 1));
  });

  it('stays within 0 and 1, even for extreme or broken scores', () => {
    for (const score of [...scores, 1e6, -1e6, Infinity, -Infinity, Number.NaN]) {
      const p = calibrate(score);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('is symmetric: the same evidence against gives the mirror probability', () => {
    for (const score of scores) expect(probabilityMalicious(score) + probabilityMalicious(-score)).toBeCloseTo(1, 12);
  });

  it('maps clearly negative to benign, clearly positive to malicious, and the middle to suspicious', () => {
    expect(dispositionFor(calibrate(-3))).toBe('benign');
    expect(dispositionFor(calibrate(3))).toBe('malicious');
    expect(dispositionFor(calibrate(1))).toBe('suspicious');
    expect(dispositionFor(calibrate(-1))).toBe('suspicious');
    // The thresholds sit at ±temperature·ln(4): two strong signals make a verdict, one does not.
    const edge = CALIBRATION.temperature * Math.log(4);
    expect(dispositionFor(calibrate(edge + 0.01))).toBe('malicious');
    expect(dispositionFor(calibrate(edge - 0.01))).toBe('suspicious');
  });

  it('leaves one strong signal alone short of a malicious verdict, and calls two of them malicious', () => {
    expect(dispositionFor(calibrate(2.5))).toBe('suspicious');
    expect(dispositionFor(calibrate(2.5 + 1.5))).toBe('malicious');
    expect(dispositionFor(calibrate(-2.5))).toBe('suspicious');
  });

  it('keeps confidence graded: a clear case is confident, an overwhelming one more so, neither is certain', () => {
    const clear = confidenceFor(calibrate(4));
    const overwhelming = confidenceFor(calibrate(8));
    expect(clear).toBeGreaterThan(0.8);
    expect(clear).toBeLessThan(0.9);
    expect(overwhelming).toBeGreaterThan(clear);
    expect(overwhelming).toBeLessThan(0.99);
  });

  it('shrinks towards 0.5 when evidence is missing, and says nothing without any', () => {
    expect(calibrate(6, { coverage: 0 })).toBe(0.5);
    expect(calibrate(6, { coverage: 0.5 })).toBeLessThan(calibrate(6));
    expect(calibrate(-6, { coverage: 0.5 })).toBeGreaterThan(calibrate(-6));
    expect(dispositionFor(calibrate(-10, { coverage: 0 }))).toBe('suspicious');
  });

  it('keeps the verdict more confident with more evidence behind it', () => {
    const coverages = [0, 0.25, 0.5, 0.75, 1];
    const confidences = coverages.map((coverage) => confidenceFor(calibrate(4, { coverage })));
    confidences.slice(1).forEach((confidence, i) => expect(confidence).toBeGreaterThan(confidences[i] ?? 1));
  });

  it('lowers the confidence for each ungrounded citation, never below 0.5', () => {
    expect(penaliseUngrounded(0.9, 0)).toBe(0.9);
    expect(penaliseUngrounded(0.9, 1)).toBeCloseTo(0.8, 10);
    expect(penaliseUngrounded(0.9, 2)).toBeLessThan(penaliseUngrounded(0.9, 1));
    expect(penaliseUngrounded(0.9, 50)).toBeGreaterThanOrEqual(0.5);
  });

  it('reports confidence as the probability of the leaning, never below 0.5', () => {
    expect(confidenceFor(0.1)).toBe(0.9);
    expect(confidenceFor(0.95)).toBe(0.95);
    expect(confidenceFor(0.5)).toBe(0.5);
  });
});
