import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.js';
import { loadRulePack } from '../../../src/producer/load-rules.js';
import { nextWindow } from '../../../src/producer/producer.js';

const timing = loadConfig({}).detection;
const rules = loadRulePack('rules', 'default').rules;
const single = rules.find((rule) => rule.kind === 'single');
const correlation = rules.find((rule) => rule.kind === 'correlation' && rule.plan.timespanMs === 600_000);
const now = new Date('2026-11-18T12:00:00.000Z');

describe('nextWindow', () => {
  it('starts the overlap before the previous run ended, so late events are still seen', () => {
    if (!single) throw new Error('no single rule');
    const window = nextWindow(single, new Date('2026-11-18T11:59:25.000Z'), now, timing);
    expect(window.from.toISOString()).toBe('2026-11-18T11:57:25.000Z');
    expect(window.to.toISOString()).toBe('2026-11-18T11:59:55.000Z');
    expect(window.mode).toBe('live');
  });

  it('backfills a correlation whose last run is older than half its timespan', () => {
    if (!correlation) throw new Error('no 10m correlation');
    expect(nextWindow(correlation, new Date('2026-11-18T11:59:25.000Z'), now, timing).mode).toBe('live');
    const afterOutage = nextWindow(correlation, new Date('2026-11-18T10:00:00.000Z'), now, timing);
    expect(afterOutage.mode).toBe('backfill');
    expect(afterOutage.from.toISOString()).toBe('2026-11-18T09:58:00.000Z');
  });

  it('looks back two intervals on a first run', () => {
    if (!single) throw new Error('no single rule');
    expect(nextWindow(single, undefined, now, timing).from.toISOString()).toBe('2026-11-18T11:58:55.000Z');
  });
});
