import { classifyResponse, type DeliveryOutcome } from './delivery-outcome.js';

export interface JsonRequest {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
  timeoutMs: number;
}

/** Discord asks HTTP clients to name themselves as `DiscordBot (<url or name>, <version>)`; Slack accepts anything. */
const USER_AGENT = 'DiscordBot (soc-agent, 0.1.0)';

/** What is kept of an answer: enough for an error message. */
const MAX_ANSWER_CHARS = 4096;

/**
 * Sends a JSON body and classifies the answer. Never throws for a network failure or a timeout (they are a
 * `retry` outcome), and never puts the URL into a reason: webhook URLs carry their secret in the path.
 */
export async function sendJson(request: JsonRequest, fetchImpl: typeof fetch = fetch): Promise<DeliveryOutcome> {
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...request.headers },
      body: JSON.stringify(request.body),
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return classifyResponse(response.status, response.headers.get('retry-after'), (await response.text()).slice(0, MAX_ANSWER_CHARS));
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return { kind: 'retry', reason: timedOut ? `no answer within ${request.timeoutMs} ms` : 'the connection failed' };
  }
}
