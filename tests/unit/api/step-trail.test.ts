import { describe, expect, it } from 'vitest';
import { stepTrail } from '../../../src/api/step-trail.js';
import type { Investigation } from '../../../src/domain/investigation.js';
import { newInvestigation } from '../../../src/workers/new-investigation.js';
import { makeAlert } from '../../support/alert-builder.js';

const start = newInvestigation(makeAlert(), 'inv-trail0001', new Date('2026-11-18T10:00:00Z'));
const record = (step: Investigation['step'], attempt: number, durationMs: number) => ({ step, attempt, durationMs, startedAt: '2026-11-18T10:00:00.000Z', finishedAt: '2026-11-18T10:00:01.000Z' });

describe('stepTrail', () => {
  it('lists each saved state with its step timing, and each error only where it first appeared', () => {
    const classified: Investigation = { ...start, step: 'classify', steps: [record('classify', 1, 12)], updatedAt: '2026-11-18T10:00:01.000Z' };
    const error = { step: 'select_runbook' as const, code: 'STEP_FAILED', message: 'no runbook matched', at: '2026-11-18T10:00:02.000Z' };
    const retrying: Investigation = { ...classified, errors: [error], updatedAt: '2026-11-18T10:00:02.000Z' };
    const selected: Investigation = { ...retrying, step: 'select_runbook', steps: [...retrying.steps, record('select_runbook', 2, 30)], updatedAt: '2026-11-18T10:00:05.000Z' };

    expect(stepTrail([classified, retrying, selected])).toEqual([
      { step: 'classify', status: 'running', at: '2026-11-18T10:00:01.000Z', attempt: 1, durationMs: 12, errors: [] },
      { step: 'classify', status: 'running', at: '2026-11-18T10:00:02.000Z', attempt: 1, durationMs: 12, errors: [error] },
      { step: 'select_runbook', status: 'running', at: '2026-11-18T10:00:05.000Z', attempt: 2, durationMs: 30, errors: [] },
    ]);
  });

  it('carries the model and its usage when a model ran the step', () => {
    const usage = { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.01 };
    const assessed: Investigation = { ...start, step: 'assess', steps: [{ ...record('assess', 1, 900), model: 'claude-sonnet-4-5', usage }] };
    expect(stepTrail([assessed])[0]).toMatchObject({ step: 'assess', model: 'claude-sonnet-4-5', usage });
  });
});
