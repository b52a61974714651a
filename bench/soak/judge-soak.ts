import { summarise } from '../percentiles.js';
import type { ProcessDeath, SoakSample } from './soak-sample.js';
import { describeFloorTrend, describeTrend, type Point, type Trend } from './trend.js';

/** What a soak tolerates; each limit says why it is where it is. */
export const SOAK_LIMITS = {
  /** JIT, caches, connection pools and the first investigations fill memory early on; a quarter of the run is not judged. */
  warmupFraction: 0.25,
  /** A slope from fewer points than this is noise, whatever its size. */
  minTrendPoints: 6,
  /**
   * Memory is judged by its floor, the lowest RSS over this many minutes: under soak load V8's heap in these
   * processes climbs by up to ~35 MiB between major collections, one to three minutes apart (measured).
   */
  rssFloorWindowMinutes: 3,
  /** A floor rising 4 MiB a minute is over 5 GiB a day: a leak worth failing a run for. */
  rssSlopeMiBPerMinute: 4,
  /** Allocator and JIT caches settle by a few MiB after the warm-up; a floor rising by more than this is growth. */
  rssGrowthMiB: 25,
  /** The pipeline falling behind by more than two jobs a minute never catches up while the load lasts. */
  backlogSlopePerMinute: 2,
  /** A burst of alerts queues a few dozen jobs for seconds; a backlog this small at the end is not unbounded. */
  backlogFloor: 20,
} as const;
export type SoakLimits = typeof SOAK_LIMITS;

export interface MemoryFigures {
  /** The trend of the floor (lowest RSS over `rssFloorWindowMinutes`, after the warm-up), which a leak raises and garbage collection does not. */
  floor: Trend;
  startMiB: number;
  maxMiB: number;
  endMiB: number;
}

export interface SoakJudgement {
  passed: boolean;
  /** Why the run failed, one line each; empty when it passed. */
  reasons: string[];
  /** What a reader should know but does not fail the run. */
  notes: string[];
  figures: {
    minutes: number;
    samples: number;
    backlog: (Trend & { max: number }) | null;
    rss: Record<string, MemoryFigures>;
    eventsPerSecond: number | null;
    alerts: number | null;
    alertsPerMinute: number | null;
    reports: number;
    reportLatencyMs: ReturnType<typeof summarise> | null;
    failedInvestigations: number | null;
  };
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

function seriesOf(samples: readonly SoakSample[], read: (sample: SoakSample) => number | null | undefined): Point[] {
  return samples.flatMap((sample) => {
    const y = read(sample);
    return y === null || y === undefined ? [] : [{ x: sample.minutes, y }];
  });
}

/** Increase per minute between the first and the last reading of a cumulative count. */
function ratePerMinute(points: readonly Point[]): number | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.x <= first.x) return null;
  return (last.y - first.y) / (last.x - first.x);
}

function roundTrend(trend: Trend): Trend {
  return { points: trend.points, slopePerMinute: round(trend.slopePerMinute, 2), growth: round(trend.growth), final: round(trend.final) };
}

/**
 * The soak's verdict: it fails when the waiting jobs grow without bound, when a process's memory floor keeps
 * rising after the warm-up, when a process died, or when no report was written. Pure, so each case is tested.
 */
export function judgeSoak(samples: readonly SoakSample[], deaths: readonly ProcessDeath[], limits: SoakLimits = SOAK_LIMITS): SoakJudgement {
  const reasons: string[] = [];
  const notes: string[] = [];
  const minutes = samples[samples.length - 1]?.minutes ?? 0;

  for (const death of deaths) {
    reasons.push(`${death.name} ended after ${round(death.minutes)} min (${death.signal ? `signal ${death.signal}` : `exit code ${death.code ?? '?'}`})`);
  }

  const backlogPoints = seriesOf(samples, (sample) => sample.backlog);
  let backlog: SoakJudgement['figures']['backlog'] = null;
  if (backlogPoints.length < samples.length / 2) {
    reasons.push(`queue depths could be read in only ${backlogPoints.length} of ${samples.length} samples`);
  }
  if (backlogPoints.length > 0) {
    const trend = describeTrend(backlogPoints, limits.warmupFraction);
    backlog = { ...roundTrend(trend), max: Math.max(...backlogPoints.map((point) => point.y)) };
    if (trend.points < limits.minTrendPoints) {
      notes.push(`queue growth not judged: ${trend.points} samples after the warm-up, ${limits.minTrendPoints} needed`);
    } else if (trend.slopePerMinute > limits.backlogSlopePerMinute && trend.final > limits.backlogFloor) {
      reasons.push(
        `waiting jobs keep growing: +${round(trend.slopePerMinute)} jobs/min over the second half, ${round(trend.final)} waiting at the end (limits ${limits.backlogSlopePerMinute} jobs/min and ${limits.backlogFloor} jobs)`,
      );
    }
  }

  const names = [...new Set(samples.flatMap((sample) => Object.keys(sample.rssMiB)))];
  const rss: Record<string, MemoryFigures> = {};
  for (const name of names) {
    const points = seriesOf(samples, (sample) => sample.rssMiB[name]);
    const values = points.map((point) => point.y);
    const trend = describeFloorTrend(points, limits.warmupFraction, limits.rssFloorWindowMinutes);
    rss[name] = { floor: roundTrend(trend), startMiB: round(values[0] ?? 0), maxMiB: round(Math.max(...values)), endMiB: round(values[values.length - 1] ?? 0) };
    if (trend.points < limits.minTrendPoints) {
      notes.push(`memory of ${name} not judged: ${trend.points} samples after the warm-up, ${limits.minTrendPoints} needed`);
    } else if (trend.slopePerMinute > limits.rssSlopeMiBPerMinute && trend.growth > limits.rssGrowthMiB) {
      reasons.push(
        `memory of ${name} keeps rising: its floor +${round(trend.slopePerMinute)} MiB/min over the second half, +${round(trend.growth)} MiB since the warm-up (limits ${limits.rssSlopeMiBPerMinute} MiB/min and ${limits.rssGrowthMiB} MiB)`,
      );
    }
  }

  const latencies = samples.flatMap((sample) => sample.reportLatenciesMs);
  const reportCounts = seriesOf(samples, (sample) => sample.reports);
  const reports = Math.max(latencies.length, reportCounts[reportCounts.length - 1]?.y ?? 0);
  if (reports === 0) reasons.push(`no report was written in ${round(minutes)} min`);

  const eventsPerMinute = ratePerMinute(seriesOf(samples, (sample) => sample.events));
  const alertPoints = seriesOf(samples, (sample) => sample.alerts);
  const alertsPerMinute = ratePerMinute(alertPoints);
  const failed = seriesOf(samples, (sample) => sample.failedInvestigations);
  const failedInvestigations = failed[failed.length - 1]?.y ?? null;
  if (failedInvestigations) notes.push(`${failedInvestigations} investigations ended failed; their reasons are in the investigations index and the workers' log`);

  return {
    passed: reasons.length === 0,
    reasons,
    notes,
    figures: {
      minutes: round(minutes, 2),
      samples: samples.length,
      backlog,
      rss,
      eventsPerSecond: eventsPerMinute === null ? null : round(eventsPerMinute / 60),
      alerts: alertPoints[alertPoints.length - 1]?.y ?? null,
      alertsPerMinute: alertsPerMinute === null ? null : round(alertsPerMinute, 2),
      reports,
      reportLatencyMs: latencies.length > 0 ? summarise(latencies) : null,
      failedInvestigations,
    },
  };
}
