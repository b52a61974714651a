import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, classifyResponse } from '../../../src/webhooks/delivery-outcome.js';

describe('classifyResponse', () => {
  it('counts any 2xx as delivered', () => {
    expect(classifyResponse(200, null, '{"id":"1"}')).toEqual({ kind: 'delivered', status: 200, body: '{"id":"1"}' });
    expect(classifyResponse(204, null, '')).toMatchObject({ kind: 'delivered', status: 204 });
  });

  it("waits out a 429 for Discord's retry_after (seconds, in the body)", () => {
    expect(classifyResponse(429, null, '{"message":"You are being rate limited.","retry_after":1.5,"global":false}')).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 1500,
      reason: 'HTTP 429: You are being rate limited.',
    });
  });

  it("waits out a 429 for the Retry-After header (Slack's way), and for the longer of the two when both are given", () => {
    expect(classifyResponse(429, '30', 'rate_limited')).toMatchObject({ retryAfterMs: 30_000, reason: 'HTTP 429: rate_limited' });
    expect(classifyResponse(429, '2', '{"retry_after":5}')).toMatchObject({ retryAfterMs: 5_000 });
  });

  it('never waits longer than the cap, and backs off on its own when a 429 says nothing', () => {
    expect(classifyResponse(429, '86400', '')).toMatchObject({ retryAfterMs: MAX_RETRY_AFTER_MS });
    expect(classifyResponse(429, 'Wed, 21 Oct 2026 07:28:00 GMT', '')).toEqual({ kind: 'retry', status: 429, reason: 'HTTP 429' });
  });

  it('tries a 5xx or a 408 again, and gives up on other 4xx, saying what the service said', () => {
    expect(classifyResponse(503, null, 'upstream down')).toEqual({ kind: 'retry', status: 503, reason: 'HTTP 503: upstream down' });
    expect(classifyResponse(408, null, '')).toMatchObject({ kind: 'retry' });
    expect(classifyResponse(404, null, '{"message":"Unknown Webhook","code":10015}')).toEqual({ kind: 'rejected', status: 404, reason: 'HTTP 404: Unknown Webhook' });
    expect(classifyResponse(400, null, 'invalid_blocks')).toEqual({ kind: 'rejected', status: 400, reason: 'HTTP 400: invalid_blocks' });
  });

  it('keeps the reason short and on one line', () => {
    const outcome = classifyResponse(500, null, `line\n${'x'.repeat(500)}`);
    expect(outcome.kind === 'retry' && outcome.reason.length).toBeLessThanOrEqual(140);
    expect(outcome.kind === 'retry' && outcome.reason).not.toContain('\n');
  });
});
