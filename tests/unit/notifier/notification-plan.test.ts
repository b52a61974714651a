import { describe, expect, it } from 'vitest';
import { parseWebhookDestination } from '../../../src/config/webhook-destinations.js';
import { abandonNotification, backoffMs, claimNotification, newNotification, settleNotification, type DeliveryPolicy } from '../../../src/notifier/notification-plan.js';

const policy: DeliveryPolicy = { maxAttempts: 3, backoffFloorMs: 2_000, backoffCeilingMs: 10_000, leaseMs: 60_000 };
const destination = parseWebhookDestination('https://discord.com/api/webhooks/1/secret-token');
if (!destination) throw new Error('test destination did not parse');
const t0 = new Date('2026-11-18T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const queued = newNotification({ investigationId: 'inv-abc12345', alertId: 'al-abc12345', disposition: 'malicious', createdAt: '2026-11-18T09:59:00.000Z' }, destination, t0);

describe('newNotification', () => {
  it('is due at once, named after the report and the webhook, and never holds the URL', () => {
    expect(queued).toMatchObject({ id: `inv-abc12345--${destination.id}`, state: 'pending', attempts: 0, nextAttemptAt: t0.toISOString(), destinationKind: 'discord' });
    expect(JSON.stringify(queued)).not.toContain('secret-token');
  });
});

describe('backoffMs', () => {
  it('doubles from the floor after each failure, up to the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => backoffMs(attempts, policy))).toEqual([2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});

describe('claimNotification', () => {
  it('holds the notification for one try, until the lease ends', () => {
    expect(claimNotification(queued, 'host:1', t0, policy)).toMatchObject({ state: 'sending', attempts: 1, owner: 'host:1', leaseUntil: at(60).toISOString() });
  });

  it('says so when it takes over a try whose holder stopped before recording it', () => {
    const abandoned = claimNotification(queued, 'host:1', t0, policy);
    expect(claimNotification(abandoned, 'host:2', at(61), policy)).toMatchObject({ attempts: 2, owner: 'host:2', lastError: 'a notifier (host:1) stopped before recording its try; tried again' });
  });
});

describe('settleNotification', () => {
  const claimed = claimNotification(queued, 'host:1', t0, policy);

  it('records a delivery and forgets earlier errors', () => {
    const settled = settleNotification({ ...claimed, lastError: 'HTTP 500' }, { kind: 'delivered', status: 200, body: '' }, at(1), policy);
    expect(settled).toMatchObject({ state: 'delivered', deliveredAt: at(1).toISOString(), attempts: 1 });
    expect(settled.lastError).toBeUndefined();
    expect(settled.leaseUntil).toBeUndefined();
  });

  it("is due again after the webhook's retry_after when it gave one, else after the backoff", () => {
    expect(settleNotification(claimed, { kind: 'retry', status: 429, retryAfterMs: 1_500, reason: 'HTTP 429' }, at(1), policy)).toMatchObject({
      state: 'pending',
      nextAttemptAt: new Date(at(1).getTime() + 1_500).toISOString(),
      lastError: 'HTTP 429',
    });
    expect(settleNotification(claimed, { kind: 'retry', reason: 'the connection failed' }, at(1), policy)).toMatchObject({ state: 'pending', nextAttemptAt: at(3).toISOString() });
  });

  it('gives up after the last try, or at once when the webhook refuses the message', () => {
    const third = { ...claimed, attempts: 3 };
    expect(settleNotification(third, { kind: 'retry', status: 503, reason: 'HTTP 503' }, at(1), policy)).toMatchObject({ state: 'failed', lastError: 'gave up after 3 tries: HTTP 503' });
    expect(settleNotification(claimed, { kind: 'rejected', status: 404, reason: 'HTTP 404: Unknown Webhook' }, at(1), policy)).toMatchObject({
      state: 'failed',
      lastError: 'the webhook refused the message: HTTP 404: Unknown Webhook',
    });
  });

  it('gives up on a notification whose report is gone', () => {
    expect(abandonNotification(claimed, 'the report no longer exists', at(1))).toMatchObject({ state: 'failed', lastError: 'the report no longer exists' });
  });
});
