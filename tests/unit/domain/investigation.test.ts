import { describe, expect, it } from 'vitest';
import { InvestigationSchema } from '../../../src/domain/investigation.js';
import { makeAlert } from '../../support/alert-builder.js';

const alert = makeAlert();
const investigation = {
  id: 'inv-0000000000000001',
  alertId: alert.id,
  alert,
  status: 'running',
  step: 'classify',
  evidence: [],
  steps: [
    {
      step: 'classify',
      startedAt: '2026-11-18T12:00:00.000Z',
      finishedAt: '2026-11-18T12:00:01.000Z',
      durationMs: 1000,
      attempt: 1,
      promptVersion: 'classify@1',
      model: 'claude-haiku-4-5',
      usage: { inputTokens: 900, outputTokens: 80, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0012 },
    },
  ],
  errors: [],
  degraded: false,
  createdAt: '2026-11-18T12:00:00.000Z',
  updatedAt: '2026-11-18T12:00:01.000Z',
};

describe('InvestigationSchema', () => {
  it('accepts a fresh investigation with a step record', () => {
    expect(InvestigationSchema.parse(investigation).steps[0]?.usage?.inputTokens).toBe(900);
  });

  it('refuses an alertId that is not the alert snapshot', () => {
    const result = InvestigationSchema.safeParse({ ...investigation, alertId: 'al-other0000000' });
    expect(result.error?.issues[0]?.path).toEqual(['alertId']);
  });

  it('refuses an unknown step, status or error code shape', () => {
    expect(InvestigationSchema.safeParse({ ...investigation, step: 'triage' }).success).toBe(false);
    expect(InvestigationSchema.safeParse({ ...investigation, status: 'done' }).success).toBe(false);
    expect(InvestigationSchema.safeParse({ ...investigation, errors: [{ step: 'assess', code: 'oops', message: 'x', at: '2026-11-18T12:00:00.000Z' }] }).success).toBe(false);
  });

  it('refuses a job id BullMQ would reject', () => {
    expect(InvestigationSchema.safeParse({ ...investigation, id: 'inv:1234567890' }).success).toBe(false);
  });
});
