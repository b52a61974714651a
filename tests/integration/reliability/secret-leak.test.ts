import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../../src/local-services/paths.js';
import { createAlert, ensureAlertIndex, getAlert } from '../../../src/store/alert-store.js';
import { pipelineQueues } from '../../../src/workers/step-worker.js';
import { STEPS } from '../../../src/domain/step.js';
import { makeAlert } from '../../support/alert-builder.js';
import { startFakeAnthropic, status, type FakeAnthropic } from '../../support/fake-anthropic.js';
import { freePort } from '../../../src/local-services/free-port.js';
import { isolate } from '../../support/isolation.js';

/**
 * The API and workers as real processes, configured with a secret in every secret variable, exercised where
 * secrets are most at risk of being echoed (a wrong token, a model API refusing the key, a failing step), and
 * everything they wrote to stdout and stderr scanned for those values.
 */
const SECRETS = {
  API_TOKEN: 'api-token-secret-0123456789abcdef',
  API_COOKIE_SECRET: 'cookie-secret-value-0123456789abcdef',
  ANTHROPIC_API_KEY: 'model-key-secret-0123456789abcdef',
  ELASTICSEARCH_USERNAME: 'elastic',
  ELASTICSEARCH_PASSWORD: 'es-password-secret-0123456789',
  ABUSEIPDB_API_KEY: 'abuseipdb-secret-0123456789abcdef',
  OTX_API_KEY: 'otx-secret-0123456789abcdef',
  MISP_API_KEY: 'misp-secret-0123456789abcdef',
  MCP_HTTP_TOKEN: 'mcp-token-secret-0123456789abcdef',
  DISCORD_BOT_TOKEN: 'discord-bot-token-secret-0123456789',
};
/** Webhook URLs carry their token in the path; the notifier posts to one that refuses, and logs why. */
const WEBHOOK_TOKEN = 'webhook-token-secret-0123456789abcdef';
const iso = isolate({ ANALYST: 'offline' });
for (const step of STEPS) iso.queueNames.add(step);
const output: string[] = [];
const children: ChildProcess[] = [];
let fake: FakeAnthropic;
let apiUrl: string;

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  children.push(child);
  return child;
}

beforeAll(async () => {
  // The model API refuses the key, as a real one does for a wrong key: SDK errors are where keys tend to leak.
  fake = await startFakeAnthropic(Array.from({ length: 50 }, () => status(401, 'authentication_error')));
  const [apiPort, metricsPort] = await Promise.all([freePort(), freePort()]);
  apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...SECRETS,
    SOC_PREFIX: iso.config.prefix,
    SOC_NAMESPACE: iso.config.namespace,
    ANALYST: 'claude',
    ANTHROPIC_BASE_URL: fake.url,
    MODEL_MAX_RETRIES: '0',
    LOG_LEVEL: 'debug',
    API_PORT: String(apiPort),
    METRICS_PORT: String(metricsPort),
    NOTIFY_WEBHOOK_URLS: `discord:http://127.0.0.1:1/api/webhooks/1/${WEBHOOK_TOKEN}`,
    NOTIFY_POLL_SECONDS: '1',
  };
  startProcess('src/api/main.ts', env);
  startProcess('src/workers/main.ts', env);
  await vi.waitFor(async () => {
    if (!(await fetch(`${apiUrl}/healthz`)).ok) throw new Error('API not up');
  }, { timeout: 60_000, interval: 250 });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fake.close();
  await iso.cleanup();
});

describe('secrets in the logs', () => {
  it('are nowhere in what the API and workers write, even when tokens are wrong and the model refuses its key', { timeout: 120_000 }, async () => {
    expect((await fetch(`${apiUrl}/alerts`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    expect((await fetch(`${apiUrl}/alerts`, { headers: { authorization: `Bearer ${SECRETS.API_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${SECRETS.API_TOKEN}` } })).status).toBe(200);
    await fetch(`${apiUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${SECRETS.API_TOKEN}` });

    await ensureAlertIndex(iso.es, iso.config.prefix);
    const alert = makeAlert();
    await createAlert(iso.es, iso.config.prefix, alert);
    const queues = pipelineQueues(iso.config, iso.config.workers.attempts);
    await queues.classify.add('investigate', { alertId: alert.id }, { jobId: alert.id });
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await vi.waitFor(async () => {
      const state = (await getAlert(iso.es, iso.config.prefix, alert.id))?.status;
      if (state !== 'investigated' && state !== 'failed') throw new Error(`alert is ${state ?? 'missing'}`);
    }, { timeout: 90_000, interval: 250 });
    expect(fake.requests.length).toBeGreaterThan(0);

    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)))));
    const written = output.join('');
    expect(written.length).toBeGreaterThan(500);
    const basicAuth = Buffer.from(`${SECRETS.ELASTICSEARCH_USERNAME}:${SECRETS.ELASTICSEARCH_PASSWORD}`).toString('base64');
    for (const [name, value] of Object.entries(SECRETS).filter(([name]) => name !== 'ELASTICSEARCH_USERNAME')) expect(written, name).not.toContain(value);
    expect(written, 'NOTIFY_WEBHOOK_URLS').not.toContain(WEBHOOK_TOKEN);
    expect(written).not.toContain(basicAuth);
  });
});
