import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src/domain/step.js';
import type { InvestigationProgress, UnfinishedAlert } from '../../../src/store/unfinished-work.js';
import { firstStepJobId, investigationIdFor } from '../../../src/workers/chain.js';
import { planRecovery } from '../../../src/workers/recovery-plan.js';

const alert: UnfinishedAlert = { id: 'al-recover00000001', status: 'investigating', updatedAt: '2026-11-18T10:00:00.000Z' };
const progress = (steps: Step[], status: InvestigationProgress['status'] = 'running', run = 1): InvestigationProgress => ({
  id: investigationIdFor(alert.id, run),
  alertId: alert.id,
  status,
  steps: steps.map((step) => ({ step })),
  createdAt: '2026-11-18T10:00:00.000Z',
});

describe('planRecovery', () => {
  it('starts an alert with no saved state on the first queue, under the producer\'s job id', () => {
    expect(planRecovery({ ...alert, status: 'new' }, undefined)).toEqual({
      kind: 'enqueue',
      step: 'classify',
      jobId: alert.id,
      job: { alertId: alert.id, investigationId: investigationIdFor(alert.id) },
      reason: 'no saved state and no job',
    });
  });

  it('resumes a running investigation at the first step without a record', () => {
    const plan = planRecovery(alert, progress(['classify', 'select_runbook', 'investigate']));
    expect(plan).toMatchObject({ kind: 'enqueue', step: 'assess', jobId: `${investigationIdFor(alert.id)}-assess` });
  });

  it('resumes a person\'s re-run on its own ids', () => {
    const plan = planRecovery(alert, progress([], 'running', 3));
    expect(plan).toMatchObject({ kind: 'enqueue', step: 'classify', jobId: firstStepJobId(alert.id, 3), job: { investigationId: investigationIdFor(alert.id, 3) } });
  });

  it('runs the last step again for a finished investigation whose report or alert status was not written', () => {
    const plan = planRecovery(alert, progress(['classify', 'select_runbook', 'investigate', 'assess', 'summarize', 'respond'], 'completed'));
    expect(plan).toMatchObject({ kind: 'enqueue', step: 'respond', jobId: `${investigationIdFor(alert.id)}-respond` });
    expect(planRecovery(alert, progress(['classify', 'respond'], 'degraded'))).toMatchObject({ step: 'respond' });
  });

  it('records a failed investigation on its alert instead of running it again', () => {
    expect(planRecovery(alert, progress(['classify'], 'failed'))).toEqual({ kind: 'mark_failed', reason: `${investigationIdFor(alert.id)} failed` });
  });
});
