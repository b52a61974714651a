/** One observation of a series: `x` in minutes since the run began, `y` in the series' unit. */
export interface Point {
  x: number;
  y: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Least-squares slope of y against x (units of y per minute); 0 when the points do not span any time. */
export function leastSquaresSlope(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** The points from the midpoint of the series' time span on. */
export function secondHalf(points: readonly Point[]): Point[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const middle = (first.x + last.x) / 2;
  return points.filter((point) => point.x >= middle);
}

/** The points after the first `fraction` of the series' time span. */
export function afterWarmup(points: readonly Point[], fraction: number): Point[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const from = first.x + (last.x - first.x) * fraction;
  return points.filter((point) => point.x >= from);
}

/**
 * How much a series rose from its start to its end, each end taken as the median of a fifth of the points (at
 * least two), so that one garbage-collection cycle or one burst at either end does not decide it.
 */
export function smoothedGrowth(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const edge = Math.max(2, Math.floor(points.length / 5));
  const start = median(points.slice(0, edge).map((point) => point.y));
  const end = median(points.slice(-edge).map((point) => point.y));
  return end - start;
}

/** The level a series ends at: the median of its last fifth (at least two points). */
export function finalLevel(points: readonly Point[]): number {
  if (points.length === 0) return Number.NaN;
  const edge = Math.max(2, Math.floor(points.length / 5));
  return median(points.slice(-edge).map((point) => point.y));
}

/**
 * The lowest value over the trailing `windowMinutes` at each point: the floor a garbage-collected heap returns to.
 * A sawtooth whose period fits the window leaves a flat floor; a leak raises it.
 */
export function trailingMinimum(points: readonly Point[], windowMinutes: number): Point[] {
  return points.map((point) => ({ x: point.x, y: Math.min(...points.filter((other) => other.x <= point.x && other.x >= point.x - windowMinutes).map((other) => other.y)) }));
}

export interface Trend {
  /** Points after the warm-up, the ones judged. */
  points: number;
  /** Least-squares slope over the second half of the run, per minute. */
  slopePerMinute: number;
  /** Smoothed rise from the end of the warm-up to the end of the run. */
  growth: number;
  /** Smoothed level at the end of the run. */
  final: number;
}

/** The figures a soak judges a series by: its slope over the second half and its rise since the warm-up. */
export function describeTrend(points: readonly Point[], warmupFraction: number): Trend {
  const judged = afterWarmup(points, warmupFraction);
  return { points: judged.length, slopePerMinute: leastSquaresSlope(secondHalf(points)), growth: smoothedGrowth(judged), final: finalLevel(judged) };
}

/**
 * The same figures for the floor of a series (its trailing minimum), taken after the warm-up only, so that the
 * low values of a process still loading its data do not count as a floor it later rose from.
 */
export function describeFloorTrend(points: readonly Point[], warmupFraction: number, windowMinutes: number): Trend {
  return describeTrend(trailingMinimum(afterWarmup(points, warmupFraction), windowMinutes), 0);
}
