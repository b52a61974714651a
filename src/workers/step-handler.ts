import type { Investigation } from '../domain/investigation.js';
import type { Step } from '../domain/step.js';

export interface StepContext {
  /** The clock, injected so that steps stay testable. */
  now: () => Date;
  /** 1 for the first try of this step. */
  attempt: number;
  /** Aborted when the step runs past its timeout; long calls should stop early. */
  signal: AbortSignal;
}

/**
 * What one pipeline step does: the investigation in, the investigation out. The worker around it loads and
 * saves the state, records timings, hands over to the next queue and turns failures into a visible state.
 */
export type StepHandler = (investigation: Investigation, context: StepContext) => Promise<Investigation>;

export type StepHandlers = Readonly<Record<Step, StepHandler>>;
