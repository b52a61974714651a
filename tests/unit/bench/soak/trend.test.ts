import { describe, expect, it } from 'vitest';
import { describeFloorTrend, describeTrend, leastSquaresSlope, median, smoothedGrowth, trailingMinimum, type Point } from '../../../../bench/soak/trend.js';

/** A sample every five seconds for `minutes`, shaped by `y`. */
function series(minutes: number, y: (x: number, index: number) => number): Point[] {
  return Array.from({ length: Math.floor((minutes * 60) / 5) + 1 }, (_, index) => ({ x: (index * 5) / 60, y: y((index * 5) / 60, index) }));
}

/** A deterministic pseudo-random jitter in [-amplitude, amplitude]. */
function jitter(index: number, amplitude: number): number {
  const value = Math.sin(index * 12.9898) * 43_758.5453;
  return (value - Math.floor(value) - 0.5) * 2 * amplitude;
}

describe('trend figures', () => {
  it('finds the slope of a straight line exactly', () => {
    expect(leastSquaresSlope([{ x: 0, y: 10 }, { x: 1, y: 13 }, { x: 2, y: 16 }])).toBeCloseTo(3);
  });

  it('gives no slope for points that span no time', () => {
    expect(leastSquaresSlope([{ x: 1, y: 5 }, { x: 1, y: 9 }])).toBe(0);
    expect(leastSquaresSlope([])).toBe(0);
  });

  it('takes the middle of an even sample as the mean of its two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('sees a steady series as flat', () => {
    const trend = describeTrend(series(10, () => 180), 0.25);
    expect(trend.slopePerMinute).toBeCloseTo(0);
    expect(trend.growth).toBeCloseTo(0);
    expect(trend.final).toBe(180);
  });

  it('sees a leak of 6 MiB a minute as a slope near 6 and a growth near its rise after the warm-up', () => {
    const trend = describeTrend(series(10, (x) => 150 + 6 * x), 0.25);
    expect(trend.slopePerMinute).toBeCloseTo(6);
    expect(trend.growth).toBeGreaterThan(35);
    expect(trend.growth).toBeLessThan(6 * 7.5);
  });

  it('keeps noise around a flat level from reading as growth', () => {
    const trend = describeTrend(series(10, (_x, index) => 200 + jitter(index, 15)), 0.25);
    expect(Math.abs(trend.slopePerMinute)).toBeLessThan(4);
    expect(Math.abs(trend.growth)).toBeLessThan(15);
  });

  it('reads a garbage-collection sawtooth with a flat floor as no growth', () => {
    // The heap climbs 30 MiB over 50 s, is collected back down, again and again.
    const trend = describeTrend(series(10, (x) => 160 + 30 * (((x * 60) % 50) / 50)), 0.25);
    expect(Math.abs(trend.slopePerMinute)).toBeLessThan(4);
    expect(Math.abs(trend.growth)).toBeLessThan(25);
  });

  it('reads a sawtooth whose floor rises as growth', () => {
    const trend = describeTrend(series(10, (x) => 160 + 8 * x + 30 * (((x * 60) % 50) / 50)), 0.25);
    expect(trend.slopePerMinute).toBeGreaterThan(6);
    expect(trend.growth).toBeGreaterThan(40);
  });

  it('does not let one spike at the end decide the growth', () => {
    const points = series(10, () => 100);
    points.push({ x: 10.1, y: 400 });
    expect(smoothedGrowth(points)).toBe(0);
  });

  it('takes the lowest value of the trailing window as the floor', () => {
    const points = [{ x: 0, y: 5 }, { x: 1, y: 9 }, { x: 2, y: 7 }, { x: 3, y: 8 }];
    expect(trailingMinimum(points, 1).map((point) => point.y)).toEqual([5, 5, 7, 7]);
  });

  it('sees a flat floor under a sawtooth of long period, and a rising one under a leak', () => {
    const sawtooth = (x: number): number => 35 * ((x % 2.5) / 2.5);
    expect(describeFloorTrend(series(10, (x) => 125 + sawtooth(x)), 0.25, 3).growth).toBeCloseTo(0);
    const leak = describeFloorTrend(series(10, (x) => 125 + 6 * x + sawtooth(x)), 0.25, 3);
    expect(leak.slopePerMinute).toBeGreaterThan(5);
    expect(leak.growth).toBeGreaterThan(25);
  });

  it('does not count values from before the warm-up ended as the floor memory rose from', () => {
    // A process loading its data: 100 MiB for the first two minutes, then 240 MiB, steady.
    expect(describeFloorTrend(series(10, (x) => (x < 2 ? 100 : 240)), 0.25, 3).growth).toBe(0);
  });
});
