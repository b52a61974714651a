import { z } from 'zod';
import { SeveritySchema } from '../domain/alert.js';
import { DispositionSchema } from '../domain/verdict.js';

/** The one error body every route answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    /** A code of the error catalogue, or one of the HTTP-level codes (PAYLOAD_TOO_LARGE, RATE_LIMITED…). */
    code: z.string(),
    /** For a person; a 400 names the field, as `querystring.limit: …`. */
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The error responses a route documents besides its own: bad input, no token, too many requests. */
export const COMMON_ERRORS = { 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema } as const;

export const AlertIdSchema = z.string().regex(/^al-[A-Za-z0-9_-]{8,40}$/, { message: 'expected an alert id (al-…)' });
export const InvestigationIdSchema = z.string().regex(/^inv-[A-Za-z0-9_-]{8,60}$/, { message: 'expected an investigation id (inv-…)' });

/** For routes that take no query parameters: an unknown one is a mistake worth a 400, not something to ignore. */
export const NoQuerySchema = z.object({}).strict();

export const AlertParamsSchema = z.object({ id: AlertIdSchema });
export const InvestigationParamsSchema = z.object({ id: InvestigationIdSchema });

/** `a,b` or `?x=a&x=b` → `['a', 'b']`; one to 10 values (an empty `?x=` is a mistake, not "any"). */
export function listParameter<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (typeof value === 'string' ? value.split(',') : value), z.array(item).min(1).max(10));
}

/** An ISO 8601 time with `Z` or an offset, normalised to UTC. */
export const TimeParameterSchema = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 time such as 2026-11-18T10:00:00Z' })
  .transform((value) => new Date(value).toISOString());

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, { message: 'expected a cursor returned by a previous page' })
    .optional(),
});

export const SeverityListSchema = listParameter(SeveritySchema);
export const DispositionListSchema = listParameter(DispositionSchema);
