import { describe, expect, it } from 'vitest';
import type { Analyst } from '../../../src/analyst/analyst.js';
import { withOfflineFallback } from '../../../src/analyst/fallback-analyst.js';
import { degradedReasonsOf } from '../../../src/analyst/render-report.js';
import { SocAgentError } from '../../../src/domain/errors.js';
import type { Investigation } from '../../../src/domain/investigation.js';
import { STEPS, type Step } from '../../../src/domain/step.js';
import type { StepContext, StepHandler } from '../../../src/workers/step-handler.js';
import { makeAlert } from '../../support/alert-builder.js';

const alert = makeAlert();
const investigation: Investigation = {
  id: 'inv-fallback000001',
  alertId: alert.id,
  alert,
  status: 'running',
  step: 'classify',
  evidence: [],
  steps: [],
  errors: [],
  degraded: false,
  createdAt: '2026-11-18T10:06:00.000Z',
  updatedAt: '2026-11-18T10:06:00.000Z',
};
const context: StepContext = { now: () => new Date('2026-11-18T10:07:00.000Z'), attempt: 1, signal: new AbortController().signal };

function analyst(name: Analyst['name'], handler: (step: Step) => StepHandler): Analyst {
  return { name, ...(Object.fromEntries(STEPS.map((step) => [step, handler(step)])) as Record<Step, StepHandler>) };
}

const offline = analyst('offline', (step) => async (state) => ({ ...state, step }));

describe('withOfflineFallback', () => {
  it('has the offline analyst do a step the model could not, and records why', async () => {
    const claude = analyst('claude', (step) => async () => {
      throw new SocAgentError('ANALYST_UNAVAILABLE', `the model API failed the ${step} request (500)`);
    });
    const after = await withOfflineFallback(claude, offline).assess(investigation, context);
    expect(after.step).toBe('assess');
    expect(after.degraded).toBe(true);
    expect(after.errors).toEqual([{ step: 'assess', code: 'ANALYST_FALLBACK', message: 'the offline analyst did this step: the model API failed the assess request (500)', at: '2026-11-18T10:07:00.000Z' }]);
  });

  it('leaves a step the model did alone, and throws other failures as they were', async () => {
    const claude = analyst('claude', (step) => async (state) => {
      if (step === 'respond') throw new SocAgentError('INVESTIGATION_STATE_INVALID', 'no assessment');
      return { ...state, step, status: 'running' };
    });
    const wrapped = withOfflineFallback(claude, offline);
    expect(wrapped.name).toBe('claude');
    expect((await wrapped.classify(investigation, context)).degraded).toBe(false);
    await expect(wrapped.respond(investigation, context)).rejects.toMatchObject({ code: 'INVESTIGATION_STATE_INVALID' });
  });
});

describe('degradedReasonsOf', () => {
  it('names the steps the model missed and the tool calls that failed', () => {
    const reasons = degradedReasonsOf({
      ...investigation,
      degraded: true,
      failedToolSteps: ['failed_logins', 'source_reputation'],
      errors: ['classify', 'investigate', 'investigate'].map((step) => ({ step: step as Step, code: 'ANALYST_FALLBACK', message: 'x', at: '2026-11-18T10:07:00.000Z' })),
    });
    expect(reasons).toEqual([
      'The model was unavailable for classify, investigate; the offline analyst did those steps.',
      "2 of the runbook's tool calls failed; the verdict rests on the evidence that was collected.",
    ]);
  });

  it('falls back to a general reason when the state names none', () => {
    expect(degradedReasonsOf({ ...investigation, degraded: true })).toEqual(['Some evidence could not be collected; the verdict rests on what was.']);
  });
});
