import type { ServerResponse } from 'node:http';
import { sendJson, startFakeHttpServer, type RecordedRequest } from './fake-http-server.js';

export type FakeBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** One scripted answer of the fake Messages API, used in order, one per request. */
export type FakeAnswer =
  | { kind: 'message'; content: FakeBlock[]; stopReason?: 'end_turn' | 'tool_use' | 'max_tokens'; usage?: Partial<FakeUsage> }
  | { kind: 'status'; status: number; errorType: string; retryAfter?: string }
  | { kind: 'malformed' }
  | { kind: 'hang' };

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface FakeAnthropic {
  url: string;
  /** Every request, in order, with its body parsed as JSON. */
  requests: (RecordedRequest & { json: unknown; at: number })[];
  close(): Promise<void>;
}

export const text = (value: string, usage?: Partial<FakeUsage>): FakeAnswer => ({ kind: 'message', content: [{ type: 'text', text: value }], usage });
export const json = (value: unknown, usage?: Partial<FakeUsage>): FakeAnswer => text(JSON.stringify(value), usage);
export const toolUse = (calls: { id: string; name: string; input: unknown }[]): FakeAnswer => ({
  kind: 'message',
  stopReason: 'tool_use',
  content: [{ type: 'text', text: 'Calling tools.' }, ...calls.map((call) => ({ type: 'tool_use' as const, ...call }))],
});
export const status = (code: number, errorType: string, retryAfter?: string): FakeAnswer => ({ kind: 'status', status: code, errorType, retryAfter });

const DEFAULT_USAGE: FakeUsage = { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function answer(res: ServerResponse, scripted: FakeAnswer | undefined, sequence: number): void {
  if (!scripted) return sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: 'fake-anthropic: script exhausted' } });
  switch (scripted.kind) {
    case 'message':
      return sendJson(res, 200, {
        id: `msg_fake${sequence}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-fake',
        content: scripted.content,
        stop_reason: scripted.stopReason ?? 'end_turn',
        stop_sequence: null,
        usage: { ...DEFAULT_USAGE, ...scripted.usage },
      });
    case 'status':
      res.writeHead(scripted.status, { 'content-type': 'application/json', 'request-id': `req_fake${sequence}`, ...(scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {}) });
      res.end(JSON.stringify({ type: 'error', error: { type: scripted.errorType, message: `fake ${scripted.errorType}` } }));
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "msg_broken", "content": [');
      return;
    case 'hang':
      // Never answers: the client's timeout must end the request; close() drops the socket.
      return;
  }
}

/**
 * A loopback stand-in for the Anthropic Messages API (POST /v1/messages) that answers from a script and records
 * each request, so tests drive the real SDK over real HTTP.
 */
export async function startFakeAnthropic(script: FakeAnswer[]): Promise<FakeAnthropic> {
  const requests: FakeAnthropic['requests'] = [];
  let next = 0;
  const server = await startFakeHttpServer((request, res) => {
    let body: unknown = null;
    try {
      body = JSON.parse(request.body);
    } catch {
      // Recorded as null: a test asserting on the body then fails visibly.
      body = null;
    }
    requests.push({ ...request, json: body, at: Date.now() });
    if (request.method !== 'POST' || !request.path.startsWith('/v1/messages')) return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: request.path } });
    const scripted = script[next];
    next += 1;
    answer(res, scripted, next);
  });
  return { url: server.url, requests, close: () => server.close() };
}
