import type { Step } from '../domain/step.js';
import type { StepHandler } from '../workers/step-handler.js';

/**
 * An analyst does the work inside each pipeline step; the system decides the order. Two implementations share
 * this shape, the runbooks and the evidence tools: Claude, and the deterministic offline analyst.
 */
export type Analyst = { readonly name: 'offline' | 'claude' } & { readonly [S in Step]: StepHandler };
