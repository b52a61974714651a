import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';

/** No query reaches further than this: a wider question is several narrower ones. */
export const MAX_WINDOW_MS = 7 * 24 * 3_600_000;

export const TimeWindowSchema = z.object({ from: z.iso.datetime(), to: z.iso.datetime() });
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export interface WindowDefaults {
  now: Date;
  /** Span when neither end is given and there is no anchor. */
  spanMs: number;
  /** An alert's first and last match: the window covers them, padded by `padMs` each side. */
  anchor?: { from: string; to: string };
  padMs?: number;
}

/**
 * The bounded window of a query: given ends win; a missing end comes from the anchor (an alert) or from the
 * other end and the default span; with nothing given it is the `spanMs` before now. Refuses a window that is
 * empty, reversed, or longer than 7 days, saying so for the model to correct.
 */
export function resolveWindow(input: { from?: string | undefined; to?: string | undefined }, defaults: WindowDefaults): TimeWindow {
  const pad = defaults.padMs ?? 0;
  let from: number;
  let to: number;
  if (input.from && input.to) {
    from = Date.parse(input.from);
    to = Date.parse(input.to);
  } else if (defaults.anchor) {
    from = input.from ? Date.parse(input.from) : Date.parse(defaults.anchor.from) - pad;
    to = input.to ? Date.parse(input.to) : Date.parse(defaults.anchor.to) + pad;
  } else if (input.to) {
    to = Date.parse(input.to);
    from = to - defaults.spanMs;
  } else if (input.from) {
    from = Date.parse(input.from);
    to = from + defaults.spanMs;
  } else {
    to = defaults.now.getTime();
    from = to - defaults.spanMs;
  }
  if (!(from < to)) throw new SocAgentError('TOOL_INPUT_INVALID', `from (${new Date(from).toISOString()}) must be before to (${new Date(to).toISOString()})`, { field: 'from' });
  if (to - from > MAX_WINDOW_MS) {
    throw new SocAgentError('TOOL_INPUT_INVALID', `the time window is ${((to - from) / 86_400_000).toFixed(1)} days; at most 7 days are searched at once, so narrow from/to`, { field: 'from' });
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
