import type { Step } from '../domain/step.js';

/**
 * The placeholders of each step's prompt (`prompts/<step>.txt`), split into our own instructions and data. The
 * Claude analyst renders data values with `data(…)` so they are fenced; a unit test keeps the files in step.
 */
export const PROMPT_INPUTS = {
  classify: { data: ['alert'], instructions: ['categories', 'reply_schema'] },
  select_runbook: { data: ['alert', 'classification'], instructions: ['runbooks', 'reply_schema'] },
  investigate: { data: ['alert', 'evidence'], instructions: ['runbook', 'tools', 'reply_schema'] },
  assess: { data: ['alert', 'evidence'], instructions: ['runbook', 'reply_schema'] },
  summarize: { data: ['alert', 'assessment', 'evidence'], instructions: ['reply_schema'] },
  respond: { data: ['alert', 'verdict'], instructions: ['allowed_actions', 'reply_schema'] },
} as const satisfies Record<Step, { data: readonly string[]; instructions: readonly string[] }>;
