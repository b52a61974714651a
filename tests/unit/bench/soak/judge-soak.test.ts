import { describe, expect, it } from 'vitest';
import { judgeSoak } from '../../../../bench/soak/judge-soak.js';
import type { SoakSample } from '../../../../bench/soak/soak-sample.js';

/** Ten minutes sampled every five seconds; each figure a function of minutes since the start. */
function soak(shape: { backlog?: (x: number) => number | null; rss?: Record<string, (x: number) => number>; reports?: (x: number) => number } = {}, minutes = 10): SoakSample[] {
  return Array.from({ length: (minutes * 60) / 5 + 1 }, (_, index): SoakSample => {
    const x = (index * 5) / 60;
    const reports = Math.floor((shape.reports ?? ((m) => 3 * m))(x));
    return {
      at: new Date(Date.UTC(2026, 11, 2, 6, 0, index * 5)).toISOString(),
      minutes: x,
      queues: null,
      backlog: shape.backlog ? shape.backlog(x) : 2,
      rssMiB: Object.fromEntries(Object.entries(shape.rss ?? { workers: () => 180, api: () => 150 }).map(([name, rss]) => [name, rss(x)])),
      events: Math.round(300 * 60 * x),
      alerts: Math.floor(4 * x),
      reports,
      failedInvestigations: 0,
      reportLatenciesMs: index % 12 === 0 && reports > 0 ? [2_000 + index] : [],
    };
  });
}

describe('the soak verdict', () => {
  it('passes a steady run and reports its rates', () => {
    const judgement = judgeSoak(soak(), []);
    expect(judgement.reasons).toEqual([]);
    expect(judgement.passed).toBe(true);
    expect(judgement.figures.eventsPerSecond).toBe(300);
    expect(judgement.figures.alertsPerMinute).toBe(4);
    expect(judgement.figures.reportLatencyMs?.n).toBeGreaterThan(0);
  });

  it('fails when the waiting jobs keep growing and end above the floor', () => {
    const judgement = judgeSoak(soak({ backlog: (x) => Math.round(10 * x) }), []);
    expect(judgement.passed).toBe(false);
    expect(judgement.reasons).toEqual([expect.stringMatching(/^waiting jobs keep growing: \+10 jobs\/min/)]);
  });

  it('does not fail a backlog that rises but stays small', () => {
    expect(judgeSoak(soak({ backlog: (x) => Math.round(1.5 * x) }), []).passed).toBe(true);
  });

  it('does not fail a backlog that jumps with a burst of alerts and drains again', () => {
    expect(judgeSoak(soak({ backlog: (x) => (x > 6 && x < 6.5 ? 60 : 1) }), []).passed).toBe(true);
  });

  it('fails naming the process whose memory keeps rising after the warm-up', () => {
    const judgement = judgeSoak(soak({ rss: { workers: (x) => 160 + 8 * x, api: () => 150 } }), []);
    expect(judgement.reasons).toEqual([expect.stringMatching(/^memory of workers keeps rising: its floor \+8 MiB\/min/)]);
  });

  it('fails a leak hidden under garbage-collection swings, judging the floor the heap returns to', () => {
    const judgement = judgeSoak(soak({ rss: { producer: (x) => 120 + 6 * x + 35 * ((x % 2.5) / 2.5), api: () => 150 } }), []);
    expect(judgement.reasons).toEqual([expect.stringMatching(/^memory of producer keeps rising: its floor \+5\.\d MiB\/min/)]);
  });

  it('passes memory that grows during the warm-up and then levels off', () => {
    expect(judgeSoak(soak({ rss: { workers: (x) => 160 + 60 * Math.min(x, 2), api: () => 150 } }), []).passed).toBe(true);
  });

  it('passes memory that goes up and down with garbage collection', () => {
    expect(judgeSoak(soak({ rss: { workers: (x) => 160 + 30 * (((x * 60) % 50) / 50), api: () => 150 } }), []).passed).toBe(true);
  });

  it('passes a slow sawtooth whose peaks climb for minutes before a major collection, as the producer showed', () => {
    // 125 MiB after each major collection, climbing by ~35 MiB over 2.5 minutes, then collected again.
    const judgement = judgeSoak(soak({ rss: { producer: (x) => 125 + 35 * ((x % 2.5) / 2.5), api: () => 150 } }), []);
    expect(judgement.reasons).toEqual([]);
    expect(judgement.figures.rss.producer?.floor.growth).toBeLessThan(5);
  });

  it('fails when a process died, saying which and how', () => {
    const judgement = judgeSoak(soak(), [{ name: 'producer', code: 1, signal: null, minutes: 4.2 }]);
    expect(judgement.reasons).toEqual(['producer ended after 4.2 min (exit code 1)']);
  });

  it('fails when no report was written', () => {
    const judgement = judgeSoak(soak({ reports: () => 0 }), []);
    expect(judgement.reasons).toEqual(['no report was written in 10 min']);
  });

  it('fails when the queue depths could not be read for most of the run', () => {
    const judgement = judgeSoak(soak({ backlog: (x) => (x < 3 ? 1 : null) }), []);
    expect(judgement.reasons).toEqual([expect.stringMatching(/^queue depths could be read in only 36 of 121 samples/)]);
  });

  it('does not judge trends on too few samples, and says so', () => {
    const judgement = judgeSoak(soak({ rss: { workers: (x) => 100 + 600 * x }, reports: () => 1 }, 0.25), []);
    expect(judgement.passed).toBe(true);
    expect(judgement.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^memory of workers not judged/)]));
  });
});
