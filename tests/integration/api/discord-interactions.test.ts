import { Queue } from 'bullmq';
import type { InjectOptions } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FOLLOW_UP_QUEUE, FollowUpJobSchema } from '../../../src/api/discord-follow-ups.js';
import { loadConfig } from '../../../src/config/env.js';
import { DiscordMessageSchema } from '../../../src/discord/discord-message.js';
import type { Alert } from '../../../src/domain/alert.js';
import type { Investigation } from '../../../src/domain/investigation.js';
import { STEPS } from '../../../src/domain/step.js';
import { createAlert, ensureAlertIndex } from '../../../src/store/alert-store.js';
import { ensureInvestigationIndices } from '../../../src/store/investigation-store.js';
import { ensureReportIndex, saveReportOnce } from '../../../src/store/report-store.js';
import { investigationIdFor } from '../../../src/workers/chain.js';
import { newInvestigation } from '../../../src/workers/new-investigation.js';
import { startPipeline } from '../../../src/workers/step-worker.js';
import { makeAlert } from '../../support/alert-builder.js';
import { bearer, buildTestApi, removeIdempotencyKeys, type TestApi } from '../../support/api-app.js';
import { createDiscordSigner } from '../../support/discord-signer.js';
import { sendJson as answerJson, startFakeHttpServer, type FakeHttpServer } from '../../support/fake-http-server.js';
import { isolate, type Isolation } from '../../support/isolation.js';
import { minimalReport, scriptedHandlers } from '../../support/scripted-handlers.js';

/**
 * The interactions endpoint on the real app, Redis and Elasticsearch, signed with a test key pair. Discord's API
 * (follow-ups) is a capture server on loopback; `/investigate` runs through the real step queues with scripted
 * step handlers.
 */
const signer = createDiscordSigner();
const APPLICATION_ID = '1200000000000000002';
const PUBLIC_BASE_URL = 'https://soc.example.internal';
const iso = isolate();
const isoShortWait = isolate();
let discord: FakeHttpServer;
let api: TestApi;
let shortWaitApi: TestApi;
let alerts: Alert[];
let reported: Alert;

function discordConfig(target: Isolation, extra: Record<string, string> = {}) {
  return loadConfig({
    ...process.env,
    SOC_PREFIX: target.config.prefix,
    SOC_NAMESPACE: target.config.namespace,
    API_RATE_LIMIT: '100000',
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_API_BASE_URL: `${discord.url}/api/v10`,
    PUBLIC_BASE_URL,
    ...extra,
  });
}

beforeAll(async () => {
  discord = await startFakeHttpServer((request, res) => answerJson(res, 200, { id: '1900000000000000009', path: request.path }));
  for (const target of [iso, isoShortWait]) {
    target.queueNames.add(FOLLOW_UP_QUEUE);
    for (const step of STEPS) target.queueNames.add(step);
    await ensureAlertIndex(target.es, target.config.prefix);
    await ensureInvestigationIndices(target.es, target.config.prefix);
    await ensureReportIndex(target.es, target.config.prefix);
  }
  alerts = [makeAlert({ severity: 'critical', lastSeen: '2026-11-18T10:05:00.000Z' }), makeAlert({ severity: 'low', lastSeen: '2026-11-18T09:05:00.000Z' })];
  const [first] = alerts;
  if (!first) throw new Error('no alert');
  reported = first;
  for (const alert of alerts) await createAlert(iso.es, iso.config.prefix, alert);
  const report = minimalReport(newInvestigation(reported, investigationIdFor(reported.id), new Date('2026-11-18T10:09:00.000Z')));
  await saveReportOnce(
    iso.es,
    iso.config.prefix,
    investigationIdFor(reported.id),
    { ...report, json: { ...report.json, disposition: 'malicious', confidence: 0.92, escalationTier: 'tier2', headline: '@everyone [reset](https://evil.example)', citedEventIds: ['evt-1', 'evt-2'] } },
    new Date('2026-11-18T10:10:00.000Z'),
    'critical',
  );
  await iso.es.indices.refresh({ index: `${iso.config.prefix}-*` });
  api = await buildTestApi(iso, { config: discordConfig(iso) });
  shortWaitApi = await buildTestApi(isoShortWait, { config: discordConfig(isoShortWait, { DISCORD_FOLLOW_UP_WAIT_SECONDS: '1' }) });
});

afterAll(async () => {
  await api.close();
  await shortWaitApi.close();
  await discord.close();
  const redis = new Redis(iso.config.redis.url);
  for (const target of [iso, isoShortWait]) {
    const keys = await redis.keys(`${target.config.prefix}:discord:*`);
    if (keys.length > 0) await redis.del(...keys);
    await removeIdempotencyKeys(target.config);
  }
  redis.disconnect();
  await iso.cleanup();
  await isoShortWait.cleanup();
});

let sequence = 0;
function commandInteraction(name: string, alertId?: string, token = `token-${name}-${sequence}`) {
  sequence += 1;
  return {
    type: 2,
    id: `11000000000000${String(sequence).padStart(5, '0')}`,
    application_id: APPLICATION_ID,
    token,
    data: { id: '1300000000000000003', name, type: 1, ...(alertId ? { options: [{ name: 'alert-id', type: 3, value: alertId }] } : {}) },
    guild_id: '1400000000000000004',
    channel_id: '1500000000000000005',
    member: { user: { id: '1600000000000000006', username: 'analyst' } },
    version: 1,
  };
}

function signedPost(payload: unknown, timestamp?: number): InjectOptions {
  const body = JSON.stringify(payload);
  return { method: 'POST', url: '/discord/interactions', headers: signer.headers(body, timestamp), payload: body };
}

const errorOf = (response: { json: <T>() => T }) => response.json<{ error: { code: string; message: string } }>().error;
const ping = () => ({ type: 1, id: `17${String(Date.now())}${sequence++}`.slice(0, 19), application_id: APPLICATION_ID, version: 1 });

describe('signature verification', () => {
  it('answers a signed PING with PONG, without a bearer token', async () => {
    const response = await api.app.inject(signedPost(ping()));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ type: 1 });
  });

  it('answers 401 to a request without the signature headers, even with a valid bearer token', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { ...bearer, 'content-type': 'application/json' }, { 'content-type': 'text/plain' }]) {
      const response = await api.app.inject({ method: 'POST', url: '/discord/interactions', headers, payload: JSON.stringify(ping()) });
      expect(response.statusCode).toBe(401);
      expect(errorOf(response)).toEqual({ code: 'UNAUTHENTICATED', message: 'the request is not signed (X-Signature-Ed25519, X-Signature-Timestamp)' });
    }
  });

  it('answers 401 to a signature by another key, and to a body changed after signing', async () => {
    const body = JSON.stringify(ping());
    const forged = await api.app.inject({ method: 'POST', url: '/discord/interactions', headers: createDiscordSigner().headers(body), payload: body });
    expect(forged.statusCode).toBe(401);
    expect(errorOf(forged).message).toBe('the request signature is not valid');
    const tampered = await api.app.inject({ method: 'POST', url: '/discord/interactions', headers: signer.headers(body), payload: body.replace('"type":1', '"type":2') });
    expect(tampered.statusCode).toBe(401);
  });

  it('answers 401 to a correctly signed request that is too old or dated in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await api.app.inject(signedPost(ping(), now - 301));
    expect(stale.statusCode).toBe(401);
    expect(errorOf(stale).message).toBe('the request is older than 300 s');
    const future = await api.app.inject(signedPost(ping(), now + 120));
    expect(future.statusCode).toBe(401);
    expect(errorOf(future).message).toBe('the request is dated in the future');
  });

  it('answers a replayed request 401, however its signature is written', async () => {
    const request = signedPost(ping());
    expect((await api.app.inject(request)).statusCode).toBe(200);
    const again = await api.app.inject(request);
    expect(again.statusCode).toBe(401);
    expect(errorOf(again).message).toBe('the request was already received');
    const headers = { ...(request.headers as Record<string, string>) };
    headers['x-signature-ed25519'] = (headers['x-signature-ed25519'] ?? '').toUpperCase();
    expect((await api.app.inject({ ...request, headers })).statusCode).toBe(401);
  });

  it('starts nothing for an /investigate that is not properly signed', async () => {
    const target = alerts[1];
    if (!target) throw new Error('no alert');
    const body = JSON.stringify(commandInteraction('investigate', target.id));
    const stale = signedPost(JSON.parse(body), Math.floor(Date.now() / 1000) - 600);
    for (const request of [{ method: 'POST' as const, url: '/discord/interactions', headers: { 'content-type': 'application/json' }, payload: body }, stale]) {
      expect((await api.app.inject(request)).statusCode).toBe(401);
    }
    const followUps = new Queue(FOLLOW_UP_QUEUE, { connection: { url: iso.config.redis.url }, prefix: iso.config.queuePrefix });
    try {
      expect(await followUps.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed')).toBe(0);
    } finally {
      await followUps.close();
    }
    expect(await api.queues.steps.classify.getJob(target.id)).toBeUndefined();
  });

  it('answers 400 naming the problem to a signed body that is not an interaction it answers', async () => {
    const component = await api.app.inject(signedPost({ type: 3, id: '1', application_id: APPLICATION_ID, token: 't', data: {} }));
    expect(component.statusCode).toBe(400);
    expect(errorOf(component).code).toBe('INPUT_INVALID');
    const body = '{"type":';
    const broken = await api.app.inject({ method: 'POST', url: '/discord/interactions', headers: signer.headers(body), payload: body });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).message).toBe('body: not valid JSON');
  });

  it('has no interactions endpoint when DISCORD_PUBLIC_KEY is unset', async () => {
    const plain = await buildTestApi(iso);
    try {
      const response = await plain.app.inject({ ...signedPost(ping()), headers: { ...(signedPost(ping()).headers as Record<string, string>), ...bearer } });
      expect(response.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('slash commands', () => {
  const send = async (payload: unknown) => {
    const response = await api.app.inject(signedPost(payload));
    expect(response.statusCode).toBe(200);
    return response.json<{ type: number; data?: { content?: string; flags?: number; embeds?: { title?: string; url?: string; description?: string; fields?: { name: string; value: string }[] }[]; allowed_mentions?: unknown } }>();
  };

  it('/alerts lists the recent alerts, newest first, to the person who asked', async () => {
    const answer = await send(commandInteraction('alerts'));
    expect(answer.type).toBe(4);
    expect(DiscordMessageSchema.parse(answer.data)).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    const values = answer.data?.embeds?.[0]?.fields?.map((field) => field.value) ?? [];
    expect(values).toHaveLength(2);
    expect(values[0]).toContain(`\`${alerts[0]?.id ?? ''}\``);
    expect(values[1]).toContain(`\`${alerts[1]?.id ?? ''}\``);
    expect(answer.data?.embeds?.[0]?.fields?.[0]?.name).toBe('critical · SSH brute force from one source');
  });

  it('/report shows the verdict, confidence, escalation, evidence and a link to the report, escaped', async () => {
    const answer = await send(commandInteraction('report', reported.id));
    expect(answer.type).toBe(4);
    const embed = answer.data?.embeds?.[0];
    const field = (name: string) => embed?.fields?.find((candidate) => candidate.name === name)?.value;
    expect([field('Verdict'), field('Confidence'), field('Escalation'), field('Severity')]).toEqual(['Malicious', '92%', 'Tier 2', 'critical']);
    expect(field('Key evidence (event ids)')).toBe('`evt-1` `evt-2`');
    expect(embed?.url).toBe(`${PUBLIC_BASE_URL}/ui/reports/${investigationIdFor(reported.id)}`);
    expect(embed?.description).toContain('@\u200beveryone \\[reset\\]\\(https\\://evil.example\\)');
    expect(answer.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('/report and /investigate tell the person who asked when the alert does not exist, and start nothing', async () => {
    for (const name of ['report', 'investigate']) {
      const answer = await send(commandInteraction(name, 'al-doesnotexist01'));
      expect(answer).toEqual({ type: 4, data: { content: 'There is no alert `al-doesnotexist01`. `/alerts` lists the recent ones.', allowed_mentions: { parse: [] }, flags: 64 } });
    }
    expect(await api.queues.steps.classify.getJob('al-doesnotexist01')).toBeUndefined();
  });

  it('/report says when an alert has no report yet', async () => {
    const answer = await send(commandInteraction('report', alerts[1]?.id));
    expect(answer.data?.content).toBe(`Alert \`${alerts[1]?.id ?? ''}\` has not been investigated yet. \`/investigate alert-id:${alerts[1]?.id ?? ''}\` starts it.`);
  });

  it('names the alert-id option when its value is not an alert id, and lists the commands for an unknown one', async () => {
    expect((await send(commandInteraction('report', '<@&123> [x](y)'))).data?.content).toBe('alert-id: expected an alert id such as al-3f9c2a1b7d4e (as /alerts lists them)');
    expect((await send(commandInteraction('purge'))).data?.content).toBe('This app does not know the command /purge. It answers `/alerts`, `/investigate alert-id:<id>` and `/report alert-id:<id>`.');
  });
});

describe('/investigate', () => {
  const followUpsTo = (token: string) => discord.requests.filter((request) => request.method === 'POST' && request.path === `/api/v10/webhooks/${APPLICATION_ID}/${token}`);

  it('defers, starts one run for two requests about the same alert, and posts the verdict to each when it is done', async () => {
    const alert = makeAlert();
    await createAlert(iso.es, iso.config.prefix, alert);
    const first = commandInteraction('investigate', alert.id, 'token-investigate-a');
    const second = commandInteraction('investigate', alert.id, 'token-investigate-b');
    for (const payload of [first, second]) {
      const response = await api.app.inject(signedPost(payload));
      expect(response.json()).toEqual({ type: 5, data: { flags: 64 } });
    }
    const followUps = new Queue(FOLLOW_UP_QUEUE, { connection: { url: iso.config.redis.url }, prefix: iso.config.queuePrefix });
    try {
      // Both follow-ups have asked for their run before any step runs.
      await vi.waitFor(
        async () => {
          const jobs = await Promise.all([first, second].map((payload) => followUps.getJob(`discord-${payload.id}`)));
          expect(jobs.map((job) => FollowUpJobSchema.parse(job?.data).investigationId)).toEqual([investigationIdFor(alert.id), investigationIdFor(alert.id)]);
        },
        { timeout: 30_000, interval: 200 },
      );
    } finally {
      await followUps.close();
    }
    const classify = await api.queues.steps.classify.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
    expect(classify.map((job) => job.id)).toEqual([alert.id]);

    const maliciousReport = scriptedHandlers({
      respond: async (investigation: Investigation) => {
        const report = minimalReport(investigation);
        return { ...investigation, status: 'completed', report: { ...report, json: { ...report.json, disposition: 'malicious', confidence: 0.88, escalationTier: 'incident_response', citedEventIds: ['evt-9'] } } };
      },
    });
    const pipeline = startPipeline({ es: iso.es, config: iso.config, handlers: maliciousReport, log: () => undefined });
    try {
      await vi.waitFor(() => expect(followUpsTo('token-investigate-a').length + followUpsTo('token-investigate-b').length).toBe(2), { timeout: 60_000, interval: 200 });
    } finally {
      await pipeline.close();
    }
    for (const token of ['token-investigate-a', 'token-investigate-b']) {
      const [request] = followUpsTo(token);
      const message = DiscordMessageSchema.parse(JSON.parse(request?.body ?? '{}'));
      expect(message.content).toBe(`Investigation of \`${alert.id}\` finished: **Malicious** (88%)`);
      expect(message.flags).toBe(64);
      expect(message.embeds?.[0]?.fields?.find((field) => field.name === 'Escalation')?.value).toBe('Incident response');
      expect(message.embeds?.[0]?.url).toBe(`${PUBLIC_BASE_URL}/ui/reports/${investigationIdFor(alert.id)}`);
    }
  });

  it('posts that the investigation is still running, with the link, when it does not finish in time', async () => {
    const alert = makeAlert();
    await createAlert(isoShortWait.es, isoShortWait.config.prefix, alert);
    const response = await shortWaitApi.app.inject(signedPost(commandInteraction('investigate', alert.id, 'token-still-running')));
    expect(response.json()).toEqual({ type: 5, data: { flags: 64 } });
    await vi.waitFor(() => expect(followUpsTo('token-still-running')).toHaveLength(1), { timeout: 30_000, interval: 200 });
    const message = DiscordMessageSchema.parse(JSON.parse(followUpsTo('token-still-running')[0]?.body ?? '{}'));
    expect(message.content).toBe(`The investigation of \`${alert.id}\` is still running; its report will be at ${PUBLIC_BASE_URL}/ui/reports/${investigationIdFor(alert.id)}`);
    expect(await shortWaitApi.queues.steps.classify.getJob(alert.id)).toBeDefined();
  });
});
