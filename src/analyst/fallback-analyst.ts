import { SocAgentError } from '../domain/errors.js';
import { STEPS, type Step } from '../domain/step.js';
import type { StepHandler } from '../workers/step-handler.js';
import type { Analyst } from './analyst.js';
import { ANALYST_FALLBACK } from './render-report.js';

/**
 * Claude, with the offline analyst standing in for any step the model cannot do: the API kept failing after the
 * SDK's retries, timed out, or the investigation's token budget ran out (`ANALYST_UNAVAILABLE`). The step is done,
 * the investigation is marked degraded and its report says which steps the model missed. Any other failure
 * (a bug, invalid state) is thrown as it was, for the worker to retry or fail visibly.
 */
export function withOfflineFallback(primary: Analyst, fallback: Analyst): Analyst {
  const step = (name: Step): StepHandler => async (investigation, context) => {
    try {
      return await primary[name](investigation, context);
    } catch (err) {
      if (!(err instanceof SocAgentError && err.code === 'ANALYST_UNAVAILABLE')) throw err;
      const noted = {
        ...investigation,
        degraded: true,
        errors: [...investigation.errors, { step: name, code: ANALYST_FALLBACK, message: `the offline analyst did this step: ${err.message}`.slice(0, 2_000), at: context.now().toISOString() }].slice(-50),
      };
      return fallback[name](noted, context);
    }
  };
  const handlers = Object.fromEntries(STEPS.map((name) => [name, step(name)])) as Record<Step, StepHandler>;
  return { name: primary.name, ...handlers };
}
