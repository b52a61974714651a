import { Client, errors } from '@elastic/elasticsearch';
import type { Config } from '../config/env.js';
import { redactUrl } from '../config/redact-url.js';
import { SocAgentError } from '../domain/errors.js';

export type EsClient = Client;

/** One client per process; it pools connections and retries idempotent requests itself. */
export function createEsClient(config: Config['elasticsearch'], options: { requestTimeoutMs?: number } = {}): EsClient {
  const auth = config.apiKey
    ? { apiKey: config.apiKey }
    : config.username && config.password
      ? { username: config.username, password: config.password }
      : undefined;
  return new Client({
    node: config.url,
    ...(auth ? { auth } : {}),
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    maxRetries: 3,
  });
}

export interface ElasticsearchHealth {
  version: string;
  clusterName: string;
  status: string;
}

/** `GET /` and cluster health; throws `SERVICE_UNAVAILABLE` naming the URL (without credentials). */
export async function fetchElasticsearchHealth(client: EsClient, url: string): Promise<ElasticsearchHealth> {
  try {
    const info = await client.info();
    const health = await client.cluster.health({ timeout: '5s' });
    return { version: info.version.number, clusterName: info.cluster_name, status: health.status };
  } catch (err) {
    const statusCode = err instanceof errors.ResponseError ? err.meta.statusCode : undefined;
    throw new SocAgentError('SERVICE_UNAVAILABLE', `Elasticsearch at ${redactUrl(url)} did not answer`, { url: redactUrl(url), statusCode }, { cause: err });
  }
}

/**
 * A short, secret-free description of an Elasticsearch client failure, for messages a model or a person reads;
 * undefined when `err` is not one.
 */
export function describeElasticsearchError(err: unknown): string | undefined {
  if (err instanceof errors.ResponseError) return `Elasticsearch refused the request (HTTP ${err.meta.statusCode ?? '?'})`;
  if (err instanceof errors.TimeoutError) return 'Elasticsearch did not answer in time';
  if (err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError) return 'Elasticsearch could not be reached';
  if (err instanceof errors.ElasticsearchClientError) return 'the Elasticsearch client failed';
  return undefined;
}

/** Statuses with which a cluster says "not now" rather than "no": overloaded, or between masters or nodes. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/**
 * True when the failure says Elasticsearch is unreachable or unavailable for now (no connection, a timeout, an
 * overloaded or recovering cluster), as opposed to a request it refused: the caller should wait and try again
 * rather than give up on the work.
 */
export function isElasticsearchUnavailable(err: unknown): boolean {
  if (err instanceof SocAgentError && err.code === 'SERVICE_UNAVAILABLE') return true;
  if (err instanceof errors.ResponseError) return TRANSIENT_STATUSES.has(err.meta.statusCode ?? 0);
  return err instanceof errors.TimeoutError || err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError;
}
