import { describe, expect, it } from 'vitest';
import { summarisePipeline } from '../../../src/observability/pipeline-snapshot.js';
import type { InvestigationFacts } from '../../../src/store/investigation-queries.js';

const record = (step: 'classify' | 'investigate', durationMs: number) => ({ step, durationMs, attempt: 1, startedAt: '2026-11-18T10:00:00.000Z', finishedAt: '2026-11-18T10:00:01.000Z' });
const usage = (inputTokens: number, costUsd: number) => ({ inputTokens, outputTokens: 10, cacheReadTokens: 5, cacheWriteTokens: 0, costUsd });

const investigations: InvestigationFacts[] = [
  {
    status: 'completed',
    createdAt: '2026-11-18T10:00:00.000Z',
    steps: [record('classify', 100), record('investigate', 4_000)],
    modelCalls: [{ step: 'investigate', model: 'claude-sonnet-4-5', promptVersion: 'investigate@1', requests: 3, usage: usage(1_000, 0.02) }],
    assessment: { verdict: { disposition: 'malicious' } },
  },
  {
    status: 'completed',
    createdAt: '2026-11-18T10:01:00.000Z',
    steps: [record('classify', 300), record('investigate', 2_000)],
    modelCalls: [{ step: 'investigate', model: 'claude-sonnet-4-5', promptVersion: 'investigate@1', requests: 1, usage: usage(500, 0.01) }],
    assessment: { verdict: { disposition: 'benign' } },
  },
  { status: 'running', createdAt: '2026-11-18T10:02:00.000Z', steps: [record('classify', 200)] },
];

describe('summarisePipeline', () => {
  const snapshot = summarisePipeline(investigations, [
    { firstSeen: '2026-11-18T10:00:00.000Z', createdAt: '2026-11-18T10:00:04.000Z' },
    { firstSeen: '2026-11-18T10:00:00.000Z', createdAt: '2026-11-18T10:00:10.000Z' },
  ]);

  it('gives step duration quantiles in seconds over every run of the step', () => {
    expect(snapshot.stepDurations.get('classify')).toEqual({ count: 3, quantiles: new Map([[0.5, 0.2], [0.9, 0.3], [0.99, 0.3]]) });
    expect(snapshot.stepDurations.get('investigate')?.quantiles.get(0.5)).toBe(2);
  });

  it('counts investigations by status and by verdict, with none for those without one', () => {
    expect(Object.fromEntries(snapshot.byStatus)).toEqual({ completed: 2, running: 1 });
    expect(Object.fromEntries(snapshot.byVerdict)).toEqual({ malicious: 1, benign: 1, none: 1 });
  });

  it('sums tokens by step and kind, and cost by step', () => {
    expect(snapshot.tokens).toContainEqual({ step: 'investigate', kind: 'input', tokens: 1_500 });
    expect(snapshot.tokens).toContainEqual({ step: 'investigate', kind: 'cache_read', tokens: 10 });
    expect(snapshot.costUsd.get('investigate')).toBeCloseTo(0.03);
  });

  it('measures detection latency from the first matched event to the alert', () => {
    expect(snapshot.detectionLatency).toEqual({ count: 2, quantiles: new Map([[0.5, 4], [0.9, 10], [0.99, 10]]) });
  });
});
