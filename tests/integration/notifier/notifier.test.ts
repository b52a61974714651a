import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseWebhookDestination, type WebhookDestination } from '../../../src/config/webhook-destinations.js';
import { DiscordMessageSchema } from '../../../src/discord/discord-message.js';
import type { Disposition } from '../../../src/domain/verdict.js';
import { NotificationSchema } from '../../../src/domain/notification.js';
import { createNotifier, startNotifier, type NotifierDeps } from '../../../src/notifier/notifier.js';
import { SlackMessageSchema } from '../../../src/notifier/slack-message.js';
import { notificationIndex } from '../../../src/store/notification-store.js';
import { ensureReportIndex, saveReportOnce } from '../../../src/store/report-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { newInvestigation } from '../../../src/workers/new-investigation.js';
import { makeAlert } from '../../support/alert-builder.js';
import { sendJson as answerJson, startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from '../../support/fake-http-server.js';
import { isolate, type Isolation } from '../../support/isolation.js';
import { minimalReport } from '../../support/scripted-handlers.js';

/**
 * The notifier against the real Elasticsearch, posting to capture servers on loopback that answer as Discord and
 * Slack webhooks do. Each test has its own prefix, so checkpoints and notifications start empty.
 */
const DISCORD_TOKEN = 'discord-webhook-secret-0123456789';
const SLACK_TOKEN = 'slack-webhook-secret-0123456789';
/** Answers for the next requests to a server, in order; once used up, 200 (Discord, with `wait`) or "ok" (Slack). */
const scripted: Record<'discord' | 'slack', ((res: Parameters<Parameters<typeof startFakeHttpServer>[0]>[1]) => void)[]> = { discord: [], slack: [] };
let discord: FakeHttpServer;
let slack: FakeHttpServer;
let isos: Isolation[] = [];
let destinations: WebhookDestination[];
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  discord = await startFakeHttpServer((_request, res) => (scripted.discord.shift() ?? ((r) => answerJson(r, 200, { id: '1', channel_id: '2' })))(res));
  slack = await startFakeHttpServer((_request, res) => (scripted.slack.shift() ?? ((r) => void r.writeHead(200, { 'content-type': 'text/plain' }).end('ok')))(res));
  destinations = [`discord:${discord.url}/api/webhooks/123/${DISCORD_TOKEN}`, `slack:${slack.url}/services/T0/B0/${SLACK_TOKEN}`].map((entry) => {
    const destination = parseWebhookDestination(entry);
    if (!destination) throw new Error(`${entry} did not parse`);
    return destination;
  });
});

beforeEach(() => {
  discord.requests.length = 0;
  slack.requests.length = 0;
  scripted.discord.length = 0;
  scripted.slack.length = 0;
});

afterAll(async () => {
  await discord.close();
  await slack.close();
  for (const iso of isos) await iso.cleanup();
  // Webhook URLs carry their secret: nothing the notifier logged may contain one.
  expect(JSON.stringify(logged)).not.toMatch(new RegExp(`${DISCORD_TOKEN}|${SLACK_TOKEN}`));
});

async function freshIsolation(): Promise<Isolation> {
  const iso = isolate();
  isos = [...isos, iso];
  await ensureReportIndex(iso.es, iso.config.prefix);
  return iso;
}

/** A stored report of one alert with this verdict, written at `createdAt`. */
async function storeReport(iso: Isolation, disposition: Disposition, createdAt: Date): Promise<string> {
  const alert = makeAlert();
  const investigationId = investigationIdFor(alert.id);
  const report = minimalReport(newInvestigation(alert, investigationId, createdAt));
  await saveReportOnce(iso.es, iso.config.prefix, investigationId, { ...report, json: { ...report.json, disposition, citedEventIds: ['evt-1'] } }, createdAt, 'high');
  await iso.es.indices.refresh({ index: `${iso.config.prefix}-reports` });
  return investigationId;
}

function deps(iso: Isolation, overrides: Partial<NotifierDeps> = {}): NotifierDeps {
  return {
    es: iso.es,
    prefix: iso.config.prefix,
    destinations,
    dispositions: ['malicious', 'suspicious'],
    publicBaseUrl: 'https://soc.example.internal',
    log: (entry) => logged.push(entry),
    ...overrides,
  };
}

const options = { timeoutMs: 2_000, maxAttempts: 4, backfillMs: 3_600_000 };
const posts = (server: FakeHttpServer): RecordedRequest[] => server.requests.filter((request) => request.method === 'POST');

async function storedNotifications(iso: Isolation) {
  await iso.es.indices.refresh({ index: notificationIndex(iso.config.prefix) });
  const response = await iso.es.search({ index: notificationIndex(iso.config.prefix), size: 100 });
  return response.hits.hits.map((hit) => NotificationSchema.parse(hit._source));
}

describe('the notifier', () => {
  it('posts one message per malicious or suspicious report to each webhook, in its shape, and none for benign', async () => {
    const iso = await freshIsolation();
    const now = new Date();
    const malicious = await storeReport(iso, 'malicious', new Date(now.getTime() - 60_000));
    const suspicious = await storeReport(iso, 'suspicious', new Date(now.getTime() - 30_000));
    await storeReport(iso, 'benign', new Date(now.getTime() - 20_000));

    const notifier = await createNotifier(deps(iso), options);
    expect(await notifier.pass()).toEqual({ queued: 4, delivered: 4, retrying: 0, failed: 0 });

    expect(posts(discord).map((request) => request.path)).toEqual([`/api/webhooks/123/${DISCORD_TOKEN}?wait=true`, `/api/webhooks/123/${DISCORD_TOKEN}?wait=true`]);
    const discordMessages = posts(discord).map((request) => DiscordMessageSchema.parse(JSON.parse(request.body)));
    expect(discordMessages.map((message) => message.embeds?.[0]?.url)).toEqual([malicious, suspicious].map((id) => `https://soc.example.internal/ui/reports/${id}`));
    expect(discordMessages.every((message) => message.allowed_mentions.parse.length === 0)).toBe(true);
    expect(discordMessages[0]?.content).toContain('**Malicious**');

    const slackMessages = posts(slack).map((request) => SlackMessageSchema.parse(JSON.parse(request.body)));
    expect(slackMessages.map((message) => message.blocks[0]?.type === 'header' && message.blocks[0].text.text)).toEqual(['Malicious (90%): SSH brute force from one source', 'Suspicious (90%): SSH brute force from one source']);
    expect((await storedNotifications(iso)).map((notification) => notification.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('posts nothing twice after a restart, and carries on with reports written since', async () => {
    const iso = await freshIsolation();
    await storeReport(iso, 'malicious', new Date(Date.now() - 10_000));
    const before = await createNotifier(deps(iso), options);
    await before.pass();
    expect(posts(discord)).toHaveLength(1);
    expect(posts(slack)).toHaveLength(1);

    const after = await createNotifier(deps(iso), options);
    expect(await after.pass()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
    await storeReport(iso, 'suspicious', new Date());
    expect(await after.pass()).toMatchObject({ queued: 2, delivered: 2 });
    expect(posts(discord)).toHaveLength(2);
    expect(posts(slack)).toHaveLength(2);
  });

  it("does not let a report stamped by a clock running ahead make it skip the reports written after", async () => {
    const iso = await freshIsolation();
    await storeReport(iso, 'malicious', new Date(Date.now() + 3_600_000));
    const notifier = await createNotifier(deps(iso), options);
    expect(await notifier.pass()).toMatchObject({ queued: 2, delivered: 2 });
    await storeReport(iso, 'suspicious', new Date(Date.now() - 1_000));
    expect(await notifier.pass()).toMatchObject({ queued: 2, delivered: 2 });
  });

  it("waits out a 429 for the webhook's retry_after, then posts once", async () => {
    const iso = await freshIsolation();
    const t0 = new Date();
    let clock = t0;
    await storeReport(iso, 'malicious', new Date(t0.getTime() - 5_000));
    scripted.discord.push((res) => answerJson(res, 429, { message: 'You are being rate limited.', retry_after: 2.5, global: false }));
    const notifier = await createNotifier(deps(iso, { now: () => clock }), options);

    expect(await notifier.pass()).toMatchObject({ delivered: 1, retrying: 1 });
    expect(posts(discord)).toHaveLength(1);
    const waiting = (await storedNotifications(iso)).find((notification) => notification.destinationKind === 'discord');
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(t0.getTime() + 2_500).toISOString(), lastError: 'HTTP 429: You are being rate limited.' });

    clock = new Date(t0.getTime() + 2_000);
    expect(await notifier.pass()).toMatchObject({ delivered: 0, retrying: 0 });
    expect(posts(discord)).toHaveLength(1);

    clock = new Date(t0.getTime() + 2_600);
    expect(await notifier.pass()).toMatchObject({ delivered: 1 });
    expect(posts(discord)).toHaveLength(2);
    expect(posts(slack)).toHaveLength(1);
    expect((await storedNotifications(iso)).find((notification) => notification.destinationKind === 'discord')).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('gives up at once on a webhook that no longer exists, and after the last try on one that keeps failing, saying why', async () => {
    const iso = await freshIsolation();
    const t0 = new Date();
    let clock = t0;
    await storeReport(iso, 'malicious', new Date(t0.getTime() - 5_000));
    scripted.discord.push((res) => answerJson(res, 404, { message: 'Unknown Webhook', code: 10015 }));
    for (let i = 0; i < 2; i += 1) scripted.slack.push((res) => void res.writeHead(500).end('boom'));
    const notifier = await createNotifier(deps(iso, { now: () => clock }), { ...options, maxAttempts: 2, backoffFloorMs: 1_000 });
    await notifier.pass();
    clock = new Date(t0.getTime() + 1_500);
    await notifier.pass();
    const byKind = Object.fromEntries((await storedNotifications(iso)).map((notification) => [notification.destinationKind, notification]));
    expect(byKind.discord).toMatchObject({ state: 'failed', attempts: 1, lastError: 'the webhook refused the message: HTTP 404: Unknown Webhook' });
    expect(byKind.slack).toMatchObject({ state: 'failed', attempts: 2, lastError: 'gave up after 2 tries: HTTP 500: boom' });
    expect(posts(discord)).toHaveLength(1);
    expect(posts(slack)).toHaveLength(2);
  });

  it('lets two notifiers on one prefix share the work without posting anything twice', async () => {
    const iso = await freshIsolation();
    for (let i = 0; i < 6; i += 1) await storeReport(iso, i % 2 === 0 ? 'malicious' : 'suspicious', new Date(Date.now() - 60_000 + i * 1000));
    const [one, two] = await Promise.all([createNotifier(deps(iso, { owner: 'one' }), options), createNotifier(deps(iso, { owner: 'two' }), options)]);
    const passes = await Promise.all([one.pass(), two.pass(), one.pass(), two.pass()]);
    expect(passes.reduce((sum, pass) => sum + pass.delivered, 0)).toBe(12);
    expect(posts(discord)).toHaveLength(6);
    expect(posts(slack)).toHaveLength(6);
    expect(new Set(posts(discord).map((request) => request.body)).size).toBe(6);
  });

  it('runs on its own every poll interval once started, until closed', async () => {
    const iso = await freshIsolation();
    const running = await startNotifier(deps(iso), { ...options, pollMs: 200 });
    try {
      await storeReport(iso, 'malicious', new Date());
      await vi.waitFor(() => expect(posts(discord).length + posts(slack).length).toBe(2), { timeout: 30_000, interval: 100 });
    } finally {
      await running.close();
    }
  });
});
