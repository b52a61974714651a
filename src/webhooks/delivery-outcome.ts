import { z } from 'zod';

/**
 * What became of one HTTP request to a webhook or to Discord's API:
 * `delivered` (2xx); `retry` (429, 408, 5xx, a timeout or no connection: worth trying again, after
 * `retryAfterMs` when the service said how long); `rejected` (any other answer: trying again would not help).
 * `reason` is for logs and stored states, and never contains the URL, which holds the webhook's secret.
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; status: number; body: string }
  | { kind: 'retry'; status?: number; retryAfterMs?: number; reason: string }
  | { kind: 'rejected'; status: number; reason: string };

/** A service asking for more than this is waited for this long, then asked again. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Discord's error and rate-limit bodies; Slack answers plain text. */
const ErrorBodySchema = z.looseObject({ message: z.string().optional(), code: z.number().optional(), retry_after: z.number().nonnegative().optional() });

function parseErrorBody(body: string): z.infer<typeof ErrorBodySchema> | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds (fractions allowed, as Discord sends them); HTTP dates are not used by these services. */
function retryAfterHeaderMs(header: string | null): number | undefined {
  if (header === null || !/^[0-9]+(\.[0-9]+)?$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/** A short description of the answer: the status and what the service said, cut and on one line. */
function describe(status: number, body: string): string {
  const parsed = parseErrorBody(body);
  const said = parsed?.message ?? body;
  const flat = said.replace(/\s+/g, ' ').trim().slice(0, 120);
  return flat.length > 0 ? `HTTP ${status}: ${flat}` : `HTTP ${status}`;
}

/**
 * Classifies an answer. For a 429 the wait is Discord's `retry_after` (seconds, in the JSON body) or the
 * `Retry-After` header, whichever is longer, capped at `MAX_RETRY_AFTER_MS`.
 */
export function classifyResponse(status: number, retryAfterHeader: string | null, body: string): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status, body };
  if (status === 429) {
    const fromBody = parseErrorBody(body)?.retry_after;
    const waits = [fromBody === undefined ? undefined : fromBody * 1000, retryAfterHeaderMs(retryAfterHeader)].filter((wait): wait is number => wait !== undefined);
    const retryAfterMs = waits.length > 0 ? Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Math.max(...waits))) : undefined;
    return { kind: 'retry', status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), reason: describe(status, body) };
  }
  if (status === 408 || status >= 500) return { kind: 'retry', status, reason: describe(status, body) };
  return { kind: 'rejected', status, reason: describe(status, body) };
}
