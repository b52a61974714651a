import { z } from 'zod';
import { DispositionSchema } from './verdict.js';

/** False for C0 controls other than tab and line breaks, DEL, and UTF-16 halves without their pair: never part of honest text. */
function printable(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || code === 0x7f) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Bidirectional embeddings, overrides and isolates, which can make a name read as another one. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Line breaks and tabs: fine in a note, not in a name. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;

/** What a person sends to record their decision on an alert. */
export const DecisionInputSchema = z
  .object({
    verdict: DispositionSchema,
    note: z
      .string()
      .trim()
      .min(1, { message: 'expected a note saying why' })
      .max(2_000)
      .refine(printable, { message: 'contains control characters or unpaired surrogates' }),
    /** Who decided: a name or handle, shown beside the decision. */
    who: z
      .string()
      .trim()
      .min(1, { message: 'expected who decided' })
      .max(100)
      .refine((value) => printable(value) && !LINE_BREAK.test(value), { message: 'contains control characters, line breaks or unpaired surrogates' })
      .refine((value) => !BIDI_CONTROL.test(value), { message: 'contains bidirectional control characters' }),
    /** The investigation whose report the person reviewed, when they decided from a report. */
    investigationId: z
      .string()
      .regex(/^inv-[A-Za-z0-9_-]{8,60}$/, { message: 'expected an investigation id (inv-…)' })
      .optional(),
  })
  .strict();
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

/**
 * A person's decision on an alert, kept apart from the agent's Verdict and never changing it. Decisions are kept
 * as a history; the newest is the one shown.
 */
export const DecisionSchema = DecisionInputSchema.extend({
  id: z.string().regex(/^dec-[a-f0-9-]{36}$/),
  alertId: z.string().min(1),
  at: z.iso.datetime(),
});
export type Decision = z.infer<typeof DecisionSchema>;
