import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineOptions } from '../../../generators/timeline.js';
import { SCHEMA_BY_DATASET } from '../../../src/telemetry/telemetry-event.js';

const options: TimelineOptions = { seed: '7', people: 12, start: new Date('2026-11-18T00:00:00Z'), hours: 24, namespace: 'default' };

function digest(timelineOptions: TimelineOptions): { hash: string; count: number } {
  const hash = createHash('sha256');
  let count = 0;
  for (const event of buildTimeline(timelineOptions).events()) {
    hash.update(JSON.stringify(event));
    count += 1;
  }
  return { hash: hash.digest('hex'), count };
}

describe('buildTimeline', () => {
  const timeline = buildTimeline(options);
  const events = [...timeline.events()];
  const ids = new Set(events.map((event) => event.event.id));

  const short = { ...options, start: new Date('2026-11-18T08:00:00Z'), hours: 3 };

  it('gives byte-identical output for the same seed', () => {
    const first = digest(short);
    expect(digest(short)).toEqual(first);
    expect(first.count).toBeGreaterThan(1000);
  });

  it('gives different output for another seed', () => {
    expect(digest({ ...short, seed: '8' }).hash).not.toBe(digest(short).hash);
  });

  // Validating some twenty thousand documents takes a few seconds on a busy 2-core machine.
  it('produces documents that each validate against the schema of their data stream', { timeout: 30_000 }, () => {
    const invalid = events.flatMap((event) => {
      const result = SCHEMA_BY_DATASET[event.data_stream.dataset].safeParse(event);
      return result.success ? [] : [`${event.event.id} ${event.data_stream.dataset}: ${result.error.issues[0]?.path.join('.')} ${result.error.issues[0]?.message}`];
    });
    expect(invalid.slice(0, 5)).toEqual([]);
  });

  it('covers every source and keeps events in time order with unique ids', () => {
    expect(new Set(events.map((event) => event.data_stream.dataset))).toEqual(
      new Set(['aws.cloudtrail', 'windows.sysmon_operational', 'system.security', 'system.auth', 'network_traffic.flow']),
    );
    expect(ids.size).toBe(events.length);
    const times = events.map((event) => event['@timestamp']);
    expect(times.every((time, i) => i === 0 || (times[i - 1] ?? '') <= time)).toBe(true);
  });

  it('follows a working day: more activity at 11:00 than at 03:00 on a weekday', () => {
    const at = (hour: number) => events.filter((event) => new Date(event['@timestamp']).getUTCHours() === hour && event.event.id.startsWith('b')).length;
    expect(at(11)).toBeGreaterThan(at(3) * 4);
  });

  it('injects every scenario type with proof events that are in the stream', () => {
    expect(timeline.skipped).toEqual([]);
    expect(timeline.scenarios).toHaveLength(21);
    for (const { truth } of timeline.scenarios) {
      expect(truth.proofEventIds.length, truth.id).toBeGreaterThan(0);
      expect(truth.proofEventIds.filter((id) => !ids.has(id)), truth.id).toEqual([]);
    }
  });

  it('marks adversarial scenarios with the injected text and their clean twin', () => {
    const byId = new Map(timeline.scenarios.map((scenario) => [scenario.truth.id, scenario.truth]));
    const adversarial = timeline.scenarios.filter((scenario) => scenario.truth.injection);
    expect(adversarial.map((scenario) => scenario.truth.type).sort()).toEqual([
      'credential_dumping_lsass_injected',
      'iam_privilege_escalation_injected',
      's3_exfiltration_injected',
      'ssh_brute_force_injected',
    ]);
    for (const { truth, events: scenarioEvents } of adversarial) {
      const twin = byId.get(truth.twinOf ?? '');
      expect(twin?.expectedVerdict).toBe(truth.expectedVerdict);
      expect(JSON.stringify(scenarioEvents)).toContain('Ignore previous instructions');
    }
  });

  it('places benign look-alikes at their natural times', () => {
    const start = (type: string) => new Date(timeline.scenarios.find((scenario) => scenario.truth.type === type)?.truth.start ?? 0).getUTCHours();
    expect([2, 3]).toContain(start('benign_backup_fanout'));
    expect([2, 3]).toContain(start('benign_approved_transfer'));
    expect(timeline.scenarios.filter((scenario) => !scenario.truth.malicious).every((scenario) => scenario.truth.expectedVerdict === 'benign')).toBe(true);
  });

  it('skips a scenario whose natural time is outside a short window', () => {
    const morning = buildTimeline({ ...options, start: new Date('2026-11-18T09:00:00Z'), hours: 3, scenarios: ['benign_backup_fanout', 'ssh_brute_force'] });
    expect(morning.skipped).toEqual(['benign_backup_fanout']);
    expect(morning.scenarios.map((scenario) => scenario.truth.type)).toEqual(['ssh_brute_force']);
  });
});
