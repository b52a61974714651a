import { describe, expect, it } from 'vitest';
import { brierScore, calibrationMetrics, expectedCalibrationError, reliabilityTable, type Forecast } from '../../../src/eval/calibration-metrics.js';

const forecasts = (probability: number, malicious: number, benign: number): Forecast[] => [
  ...Array.from({ length: malicious }, () => ({ probability, malicious: true })),
  ...Array.from({ length: benign }, () => ({ probability, malicious: false })),
];

describe('calibration metrics', () => {
  it('gives an ECE of 0 to a perfectly calibrated set, and the Brier score computed by hand', () => {
    // 0.25 said of 4 alerts, one malicious; 0.75 said of 4 alerts, three malicious.
    const set = [...forecasts(0.25, 1, 3), ...forecasts(0.75, 3, 1)];
    const metrics = calibrationMetrics(set);
    expect(metrics.ece).toBeCloseTo(0, 12);
    // Each group: 3 × 0.25² + 1 × 0.75² = 0.75; (0.75 + 0.75) / 8.
    expect(metrics.brier).toBeCloseTo(0.1875, 12);
    expect(metrics.n).toBe(8);
  });

  it('gives a badly calibrated set the ECE and Brier score computed by hand', () => {
    // 0.9 said of 4 alerts of which one was malicious: gap |0.9 − 0.25| = 0.65.
    const set = forecasts(0.9, 1, 3);
    expect(expectedCalibrationError(reliabilityTable(set))).toBeCloseTo(0.65, 12);
    // (1 × 0.1² + 3 × 0.9²) / 4 = 2.44 / 4.
    expect(brierScore(set)).toBeCloseTo(0.61, 12);
  });

  it('weights each bin by its share of forecasts', () => {
    // Bin 0.1–0.2: 0.1 said, 0 observed (gap 0.1, 2 of 4); bin 0.8–0.9: 0.8 said, 1 observed (gap 0.2, 2 of 4).
    const set = [...forecasts(0.1, 0, 2), ...forecasts(0.8, 2, 0)];
    expect(calibrationMetrics(set).ece).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.2, 12);
  });

  it('calls a certain and right set perfect, and a certain and wrong one the worst possible', () => {
    expect(brierScore([{ probability: 1, malicious: true }, { probability: 0, malicious: false }])).toBe(0);
    expect(brierScore([{ probability: 1, malicious: false }, { probability: 0, malicious: true }])).toBe(1);
    expect(calibrationMetrics([{ probability: 1, malicious: false }]).ece).toBe(1);
  });

  it('puts a probability of 1 in the last bin and 0 in the first', () => {
    const table = reliabilityTable([{ probability: 1, malicious: true }, { probability: 0, malicious: false }, { probability: 0.3, malicious: false }]);
    expect(table).toHaveLength(10);
    expect(table[9]).toMatchObject({ lower: 0.9, upper: 1, count: 1, meanPredicted: 1, observedRate: 1 });
    expect(table[0]).toMatchObject({ count: 1, meanPredicted: 0, observedRate: 0 });
    expect(table[3]?.count).toBe(1);
    expect(table[5]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
  });

  it('reports nothing measured, not a perfect score, for an empty set', () => {
    expect(calibrationMetrics([])).toMatchObject({ n: 0, brier: null, ece: null });
  });
});
