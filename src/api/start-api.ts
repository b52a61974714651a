import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/env.js';
import { DEV_DIR } from '../local-services/paths.js';
import { startConfiguredNotifier } from '../notifier/start-notifier.js';
import { serverProbes } from '../observability/service-probes.js';
import { ensureDecisionIndex } from '../store/decision-store.js';
import type { EsClient } from '../store/es-client.js';
import { createIdempotencyStore } from '../store/idempotency-store.js';
import { openApiQueues } from './api-queues.js';
import { buildApp } from './app.js';

export interface RunningApi {
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  close(): Promise<void>;
}

/** Where the token generated for a deployment without API_TOKEN is written. */
export const GENERATED_TOKEN_FILE = path.join(DEV_DIR, 'api-token');

/** A random token, written to a file only its owner can read; its path is logged, the token never. */
function generateToken(log: (entry: Record<string, unknown>) => void): string {
  const token = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(GENERATED_TOKEN_FILE), { recursive: true });
  writeFileSync(GENERATED_TOKEN_FILE, `${token}\n`, { mode: 0o600 });
  chmodSync(GENERATED_TOKEN_FILE, 0o600); // an existing file keeps its mode on write
  log({ msg: 'API_TOKEN is empty: generated a token for this run', file: GENERATED_TOKEN_FILE });
  return token;
}

/** The API as a process runs it: queues, stores and the token ready, listening on API_HOST:API_PORT. */
export async function startApi(config: Config, es: EsClient, log: (entry: Record<string, unknown>) => void): Promise<RunningApi> {
  const tokens = config.api.tokens.length > 0 ? config.api.tokens : [generateToken(log)];
  // Without a configured key, sessions last as long as this process; replicas need a shared API_COOKIE_SECRET.
  const cookieSecret = config.api.cookieSecret ?? randomBytes(32).toString('base64url');
  await ensureDecisionIndex(es, config.prefix);
  const queues = openApiQueues(config);
  const idempotency = createIdempotencyStore(config.redis.url, `${config.prefix}:api`);
  const app = await buildApp({ config, es, queues, idempotency, probes: serverProbes(config, es), tokens, cookieSecret });
  await app.listen({ host: config.api.host, port: config.api.port });
  // Announcing reports to channel webhooks rides on the API process, so every deployment of it does so.
  const notifier = await startConfiguredNotifier(config, es, log);
  const address = app.server.address();
  const port = address !== null && typeof address !== 'string' ? address.port : config.api.port;
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host;
  return {
    url: `http://${host}:${port}`,
    async close() {
      await notifier?.close();
      await app.close();
      await queues.close();
      await idempotency.close();
    },
  };
}
