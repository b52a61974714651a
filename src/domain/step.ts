/** The investigation pipeline's steps, in order; each has its own queue and worker. */
export const STEPS = ['classify', 'select_runbook', 'investigate', 'assess', 'summarize', 'respond'] as const;
export type Step = (typeof STEPS)[number];

/** Where a new alert enters the pipeline. */
export const FIRST_STEP: Step = 'classify';
