import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import { STEPS, type Step } from '../domain/step.js';
import { DispositionSchema } from '../domain/verdict.js';
import { parseWebhookDestinations } from './webhook-destinations.js';

/** Empty values count as unset, so `FOO=` in a compose file or `.env` falls back to the default. */
const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

const urlWithProtocols = (protocols: readonly string[], what: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected ${what}` },
  );

const redisUrl = urlWithProtocols(['redis:', 'rediss:'], 'a redis:// or rediss:// URL');
const httpUrl = urlWithProtocols(['http:', 'https:'], 'an http:// or https:// URL');
const port = z.coerce
  .number({ message: 'expected a port number' })
  .int({ message: 'expected a port number' })
  .min(1, { message: 'expected a port number from 1 to 65535' })
  .max(65535, { message: 'expected a port number from 1 to 65535' });
const prefix = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, { message: 'expected lowercase letters, digits and dashes, starting with a letter (at most 31)' });
const modelName = z.string().regex(/^[A-Za-z0-9._:-]+$/, { message: 'expected a model name such as claude-sonnet-4-5' });
const heapSize = z.string().regex(/^[1-9][0-9]*[mg]$/, { message: 'expected a JVM heap size such as 512m or 1g' });

/** Marks a variable whose value must never be printed or logged. */
const secret = { secret: true } as const;

/**
 * Every environment variable the service reads, with its default and meaning. The README's configuration
 * table is generated from this schema (`describeEnvironment`).
 */
export const EnvSchema = z.object({
  LOG_LEVEL: z
    .preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'))
    .describe('Log level of every process.'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .preprocess(unsetIfEmpty, httpUrl.optional())
    .describe('OpenTelemetry collector base URL (OTLP over HTTP, e.g. http://127.0.0.1:4318); when set, the workers, producer and API export a span per step and per tool call to `<url>/v1/traces`.'),
  REDIS_URL: z.preprocess(unsetIfEmpty, redisUrl.default('redis://127.0.0.1:6379')).describe('Redis for BullMQ queues.'),
  ELASTICSEARCH_URL: z
    .preprocess(unsetIfEmpty, httpUrl.default('http://127.0.0.1:9200'))
    .describe('Elasticsearch holding telemetry, alerts, investigations and reports.'),
  ELASTICSEARCH_USERNAME: z.preprocess(unsetIfEmpty, z.string().optional()).describe('Basic-auth user for Elasticsearch.'),
  ELASTICSEARCH_PASSWORD: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('Basic-auth password for Elasticsearch.')
    .meta(secret),
  ELASTICSEARCH_API_KEY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('API key for Elasticsearch (instead of user and password).')
    .meta(secret),
  SOC_PREFIX: z
    .preprocess(unsetIfEmpty, prefix.default('soc-agent'))
    .describe('Prefix of every index and queue this deployment owns; two deployments on one cluster need two prefixes.'),
  SOC_NAMESPACE: z
    .preprocess(unsetIfEmpty, prefix.default('default'))
    .describe('Namespace of the telemetry data streams (`logs-<dataset>-<namespace>`).'),
  ANALYST: z
    .preprocess(unsetIfEmpty, z.enum(['auto', 'offline', 'claude']).default('auto'))
    .describe('Which analyst investigates: `auto` uses Claude when ANTHROPIC_API_KEY is set, else the offline analyst.'),
  ANTHROPIC_API_KEY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('Anthropic API key; enables the Claude analyst.')
    .meta(secret),
  ANTHROPIC_BASE_URL: z
    .preprocess(unsetIfEmpty, httpUrl.optional())
    .describe('Anthropic Messages API base URL (a proxy, or a local fake in tests).'),
  MODEL_CLASSIFY: z.preprocess(unsetIfEmpty, modelName.default('claude-haiku-4-5')).describe('Model for the classify step.'),
  MODEL_SELECT_RUNBOOK: z
    .preprocess(unsetIfEmpty, modelName.default('claude-haiku-4-5'))
    .describe('Model for the select_runbook step.'),
  MODEL_INVESTIGATE: z
    .preprocess(unsetIfEmpty, modelName.default('claude-sonnet-4-5'))
    .describe('Model for the investigate step.'),
  MODEL_ASSESS: z.preprocess(unsetIfEmpty, modelName.default('claude-sonnet-4-5')).describe('Model for the assess step.'),
  MODEL_SUMMARIZE: z
    .preprocess(unsetIfEmpty, modelName.default('claude-haiku-4-5'))
    .describe('Model for the summarize step.'),
  MODEL_RESPOND: z.preprocess(unsetIfEmpty, modelName.default('claude-haiku-4-5')).describe('Model for the respond step.'),
  ANALYST_FALLBACK: z
    .preprocess(unsetIfEmpty, z.enum(['offline', 'none']).default('offline'))
    .describe('What a Claude step does when the model cannot answer (the API failing after retries, a timeout, the token budget spent): `offline` has the offline analyst do the step and marks the report degraded, saying why; `none` fails the step, which is retried and then fails the investigation.'),
  MODEL_TIMEOUT_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(600).default(60))
    .describe('How long one Messages API request may take before it is abandoned (and retried).'),
  MODEL_MAX_RETRIES: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(10).default(3))
    .describe('Retries of a failed Messages API request (429, 5xx, 529, connection errors), honouring retry-after, before the step gives up on the model.'),
  MODEL_TOKEN_BUDGET: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1_000).max(10_000_000).default(200_000))
    .describe('Tokens (input, output and cached) all steps of one investigation may spend; a step that would pass it does not call the model.'),
  MODEL_MAX_TOOL_CALLS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(100).default(16))
    .describe('Tool calls the model may make in one investigate step.'),
  API_HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')).describe('Address the REST API binds to.'),
  API_PORT: z.preprocess(unsetIfEmpty, port.default(3000)).describe('Port of the REST API.'),
  API_TOKEN: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .optional()
        .refine((value) => value === undefined || value.split(',').every((token) => token.trim().length >= 16), {
          message: 'expected comma-separated tokens of at least 16 characters each',
        }),
    )
    .describe('Bearer tokens accepted by the API, comma-separated. Empty: a random token is generated at start and written to `.dev/api-token`.')
    .meta(secret),
  API_COOKIE_SECRET: z
    .preprocess(unsetIfEmpty, z.string().min(32, { message: 'expected at least 32 characters' }).optional())
    .describe('Key that signs the browser session cookie and CSRF tokens; unset, a random key per process (sessions end when it restarts). Set the same one on every API replica.')
    .meta(secret),
  API_RATE_LIMIT: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(1_000_000).default(600))
    .describe('Requests per minute one client address may make to the API (health probes excepted).'),
  API_TRUST_PROXY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('Addresses or CIDRs of reverse proxies whose X-Forwarded-For the API believes, comma-separated; unset, none (rate limits apply to the connecting address).'),
  BULL_BOARD_READ_ONLY: z
    .preprocess(unsetIfEmpty, z.enum(['true', 'false'], { message: 'expected true or false' }).default('true'))
    .describe('Bull Board at `/queues` shows the queues without retry, clean, pause or delete buttons; `false` enables them.'),
  METRICS_HOST: z
    .preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1'))
    .describe('Address the workers and the producer serve `/healthz`, `/readyz` and `/metrics` on; 0.0.0.0 in a cluster, so probes and Prometheus reach them.'),
  METRICS_PORT: z
    .preprocess(unsetIfEmpty, port.default(9464))
    .describe('Port of the workers\' and the producer\'s health and metrics endpoint; two such processes on one host need two ports.'),
  WORKER_CONCURRENCY: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^(?:(?:classify|select_runbook|investigate|assess|summarize|respond)=[1-9][0-9]{0,2})(?:,(?:classify|select_runbook|investigate|assess|summarize|respond)=[1-9][0-9]{0,2})*$/, {
          message: 'expected step=number pairs, e.g. investigate=4,assess=2',
        })
        .optional(),
    )
    .describe('Jobs each step worker runs at once, as step=number pairs; unnamed steps run 2.'),
  STEP_TIMEOUT_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(3600).default(120))
    .describe('How long one step may run before it fails (and is retried).'),
  STEP_ATTEMPTS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(20).default(3))
    .describe('Tries per step before the investigation ends failed.'),
  RECONCILE_INTERVAL_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(5).max(3600).default(60))
    .describe('How often each workers process that works the classify step looks for alerts whose next job no queue holds (Redis flushed or lost), and enqueues it again.'),
  RECONCILE_AFTER_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(10).max(86_400).default(120))
    .describe('How long an unfinished alert must have been untouched before the reconciler looks at it.'),
  RULES_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('rules')).describe('Folder of Sigma rules the producer runs.'),
  DETECT_INTERVAL_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(3600).default(30))
    .describe('How often the producer runs each rule.'),
  DETECT_OVERLAP_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(86_400).default(120))
    .describe('How far each run reaches back before the previous one ended, to catch late-arriving events.'),
  DETECT_DELAY_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(3600).default(5))
    .describe('How far behind now a run stops, so events still being indexed are not half-seen.'),
  DEDUPE_WINDOW_MINUTES: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10_080).default(60))
    .describe('A new match of a rule for the same entity within this window updates the open alert instead of raising another.'),
  MCP_HTTP_HOST: z
    .preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1'))
    .describe('Address the MCP server binds to with `--http`; loopback unless a proxy or container network needs more.'),
  MCP_HTTP_PORT: z.preprocess(unsetIfEmpty, port.default(3100)).describe('Port of the MCP server with `--http`.'),
  MCP_HTTP_TOKEN: z
    .preprocess(unsetIfEmpty, z.string().min(16, { message: 'expected a token of at least 16 characters' }).optional())
    .describe('Bearer token every MCP HTTP request must carry; `--http` refuses to start without it.')
    .meta(secret),
  MCP_HTTP_ALLOWED_HOSTS: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('Extra host names accepted in the Host header of MCP HTTP requests, comma-separated (loopback names are always accepted).'),
  MCP_HTTP_ALLOWED_ORIGINS: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('Origins (scheme://host:port) allowed to call the MCP HTTP endpoint from a browser, comma-separated; others get 403.'),
  MCP_RESPONSE_BYTES: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1024).max(1_048_576).default(6144))
    .describe('Byte budget of one MCP tool response; sample rows are dropped until it fits, and the response says so.'),
  MCP_EXACT_SEARCH_EVENTS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(10_000_000).default(50_000))
    .describe('Matching events up to which `search_events` aggregates exactly; beyond it the total stays exact and the aggregations come from a random sample, so no search costs more than a bounded amount.'),
  RUNBOOKS_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('runbooks')).describe('Folder of Markdown runbooks (`<slug>.md`) served by `get_runbook`.'),
  INTEL_DIR: z
    .preprocess(unsetIfEmpty, z.string().min(1).default('intel'))
    .describe('Folder of offline threat-intel feeds (`feeds.json` lists them) and the ASN table.'),
  INTEL_CACHE_DIR: z
    .preprocess(unsetIfEmpty, z.string().min(1).default('.dev/intel-cache'))
    .describe('Where refreshed feeds are downloaded; a downloaded copy replaces the shipped file of the same feed.'),
  INTEL_FEED_URLS: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .optional()
        .refine(
          (value) =>
            value === undefined ||
            value.split(',').every((entry) => {
              const at = entry.indexOf('=');
              const name = entry.slice(0, at).trim();
              const url = entry.slice(at + 1).trim();
              return at > 0 && /^[a-z0-9][a-z0-9-]*$/.test(name) && /^https?:\/\/\S+$/.test(url);
            }),
          { message: 'expected comma-separated feed=http(s)://url pairs' },
        ),
    )
    .describe('Download URLs of feeds named in `feeds.json`, as `feed=url,feed=url`; enables the scheduled refresh.'),
  INTEL_REFRESH_MINUTES: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(10_080).default(360))
    .describe('How often configured feed URLs are downloaded again.'),
  INTEL_TIMEOUT_MS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(60_000).default(3000))
    .describe('Timeout of one live threat-intel request (AbuseIPDB, OTX, MISP).'),
  INTEL_CACHE_TTL_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(604_800).default(21_600))
    .describe('How long a live threat-intel answer is kept in Redis; 0 disables the cache.'),
  ABUSEIPDB_API_KEY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('AbuseIPDB API key; enables the AbuseIPDB `check` lookup in `enrich_ip`.')
    .meta(secret),
  ABUSEIPDB_BASE_URL: z
    .preprocess(unsetIfEmpty, httpUrl.default('https://api.abuseipdb.com/api/v2'))
    .describe('AbuseIPDB API base URL (a local fake in tests).'),
  OTX_API_KEY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('AlienVault OTX API key; enables the OTX IPv4 `general` lookup in `enrich_ip`.')
    .meta(secret),
  OTX_BASE_URL: z
    .preprocess(unsetIfEmpty, httpUrl.default('https://otx.alienvault.com'))
    .describe('AlienVault OTX base URL (a local fake in tests).'),
  MISP_URL: z
    .preprocess(unsetIfEmpty, httpUrl.optional())
    .describe('Base URL of a MISP instance; with MISP_API_KEY enables `attributes/restSearch` in `enrich_ip`.'),
  MISP_API_KEY: z
    .preprocess(unsetIfEmpty, z.string().optional())
    .describe('MISP automation key.')
    .meta(secret),
  PUBLIC_BASE_URL: z
    .preprocess(unsetIfEmpty, httpUrl.default('http://127.0.0.1:3000'))
    .describe('Address people reach the API and its report viewer at (e.g. https://soc.example.internal), for the links in Discord and Slack messages.'),
  DISCORD_PUBLIC_KEY: z
    .preprocess(unsetIfEmpty, z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'expected the 64 hexadecimal characters of the application\'s public key' }).optional())
    .describe('Public key of the Discord application (General Information page); enables `POST /discord/interactions`, which answers only requests signed with it.'),
  DISCORD_APPLICATION_ID: z
    .preprocess(unsetIfEmpty, z.string().regex(/^[0-9]{1,20}$/, { message: 'expected a Discord application id (digits)' }).optional())
    .describe('Id of the Discord application, for `npm run discord:register`.'),
  DISCORD_BOT_TOKEN: z
    .preprocess(unsetIfEmpty, z.string().min(20, { message: 'expected a Discord bot token' }).optional())
    .describe('Bot token of the Discord application; only `npm run discord:register` uses it, to install the slash commands.')
    .meta(secret),
  DISCORD_API_BASE_URL: z
    .preprocess(unsetIfEmpty, httpUrl.default('https://discord.com/api/v10'))
    .describe('Discord API base URL, for follow-up messages and command registration (a local fake in tests).'),
  DISCORD_EPHEMERAL: z
    .preprocess(unsetIfEmpty, z.enum(['true', 'false'], { message: 'expected true or false' }).default('true'))
    .describe('Answers to slash commands are shown only to the person who ran them; `false` shows them to the channel.'),
  DISCORD_MAX_AGE_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(5).max(3600).default(300))
    .describe('How old a signed Discord request may be; an older one, or a second copy of one already answered, gets 401.'),
  DISCORD_FOLLOW_UP_WAIT_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(870).default(840))
    .describe('How long `/investigate` waits for the verdict before posting that the investigation is still running (an interaction token lives 15 minutes).'),
  NOTIFY_WEBHOOK_URLS: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .optional()
        .superRefine((value, context) => {
          const error = value === undefined ? undefined : parseWebhookDestinations(value).error;
          if (error !== undefined) context.addIssue({ code: 'custom', message: error });
        }),
    )
    .describe('Channel webhooks that get a message for each new report whose verdict is in NOTIFY_DISPOSITIONS, comma-separated: Discord webhook URLs, Slack ones (`hooks.slack.com`), or any URL prefixed `slack:` (Slack-compatible, e.g. Mattermost) or `discord:`.')
    .meta(secret),
  NOTIFY_DISPOSITIONS: z
    .preprocess(unsetIfEmpty, z.string().regex(/^(malicious|suspicious|benign)(,(malicious|suspicious|benign))*$/, { message: 'expected a comma-separated list of malicious, suspicious, benign' }).default('malicious,suspicious'))
    .describe('Verdicts whose reports are posted to NOTIFY_WEBHOOK_URLS.'),
  NOTIFY_TIMEOUT_MS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(60_000).default(5000))
    .describe('How long one webhook post may take before it counts as failed (and is tried again).'),
  NOTIFY_MAX_ATTEMPTS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(50).default(8))
    .describe('Tries per message and webhook before it is marked failed: a 429 waits as long as the webhook asks, other failures wait 2 s, doubling up to 10 minutes.'),
  NOTIFY_POLL_SECONDS: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(3600).default(5))
    .describe('How often the notifier looks for new reports and for messages due to be sent.'),
  NOTIFY_BACKFILL_MINUTES: z
    .preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(10_080).default(60))
    .describe('On its very first start the notifier also posts reports written this long before; afterwards it carries on from its checkpoint.'),
  ELASTICSEARCH_DEV_HOME: z
    .preprocess(unsetIfEmpty, z.string().min(1).default('.dev/elasticsearch'))
    .describe('Data and log folder of the local Elasticsearch node started by `npm run services:up`.'),
  ELASTICSEARCH_DEV_HEAP: z
    .preprocess(unsetIfEmpty, heapSize.default('1g'))
    .describe('JVM heap of the local Elasticsearch node.'),
});

export type Env = z.infer<typeof EnvSchema>;


/** `a, b,,c` → `['a', 'b', 'c']`. */
function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** WORKER_CONCURRENCY after its pattern check: step → jobs at once. */
const ConcurrencySchema = z.partialRecord(z.enum(STEPS), z.coerce.number().int().positive());

function toConfig(env: Env) {
  const analyst = env.ANALYST === 'auto' ? (env.ANTHROPIC_API_KEY ? 'claude' : 'offline') : env.ANALYST;
  return {
    logLevel: env.LOG_LEVEL,
    tracing: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT },
    redis: { url: env.REDIS_URL },
    elasticsearch: {
      url: env.ELASTICSEARCH_URL,
      username: env.ELASTICSEARCH_USERNAME,
      password: env.ELASTICSEARCH_PASSWORD,
      apiKey: env.ELASTICSEARCH_API_KEY,
    },
    /** Index names start with this; queue keys live under `{prefix}` so all of them hash to one Redis Cluster slot. */
    prefix: env.SOC_PREFIX,
    queuePrefix: `{${env.SOC_PREFIX}}`,
    namespace: env.SOC_NAMESPACE,
    analyst,
    anthropic: {
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL,
      models: {
        classify: env.MODEL_CLASSIFY,
        select_runbook: env.MODEL_SELECT_RUNBOOK,
        investigate: env.MODEL_INVESTIGATE,
        assess: env.MODEL_ASSESS,
        summarize: env.MODEL_SUMMARIZE,
        respond: env.MODEL_RESPOND,
      } satisfies Record<Step, string>,
      fallback: env.ANALYST_FALLBACK,
      timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000,
      maxRetries: env.MODEL_MAX_RETRIES,
      tokenBudget: env.MODEL_TOKEN_BUDGET,
      maxToolCalls: env.MODEL_MAX_TOOL_CALLS,
    },
    api: {
      host: env.API_HOST,
      port: env.API_PORT,
      tokens: env.API_TOKEN ? env.API_TOKEN.split(',').map((token) => token.trim()) : [],
      cookieSecret: env.API_COOKIE_SECRET,
      rateLimitPerMinute: env.API_RATE_LIMIT,
      trustProxy: splitList(env.API_TRUST_PROXY),
      bullBoardReadOnly: env.BULL_BOARD_READ_ONLY === 'true',
    },
    metrics: { host: env.METRICS_HOST, port: env.METRICS_PORT },
    workers: {
      concurrency: ConcurrencySchema.parse(Object.fromEntries((env.WORKER_CONCURRENCY ?? '').split(',').filter(Boolean).map((pair) => pair.split('=')))),
      stepTimeoutMs: env.STEP_TIMEOUT_SECONDS * 1000,
      attempts: env.STEP_ATTEMPTS,
      reconcileIntervalMs: env.RECONCILE_INTERVAL_SECONDS * 1000,
      reconcileAfterMs: env.RECONCILE_AFTER_SECONDS * 1000,
    },
    detection: {
      rulesDir: env.RULES_DIR,
      intervalMs: env.DETECT_INTERVAL_SECONDS * 1000,
      overlapMs: env.DETECT_OVERLAP_SECONDS * 1000,
      delayMs: env.DETECT_DELAY_SECONDS * 1000,
      dedupeWindowMs: env.DEDUPE_WINDOW_MINUTES * 60_000,
    },
    mcp: {
      host: env.MCP_HTTP_HOST,
      port: env.MCP_HTTP_PORT,
      token: env.MCP_HTTP_TOKEN,
      allowedHosts: splitList(env.MCP_HTTP_ALLOWED_HOSTS),
      allowedOrigins: splitList(env.MCP_HTTP_ALLOWED_ORIGINS),
      responseBytes: env.MCP_RESPONSE_BYTES,
      exactSearchEvents: env.MCP_EXACT_SEARCH_EVENTS,
      runbooksDir: env.RUNBOOKS_DIR,
    },
    intel: {
      dir: env.INTEL_DIR,
      cacheDir: env.INTEL_CACHE_DIR,
      /** Feed name → download URL; the schema has checked every pair. */
      feedUrls: Object.fromEntries(
        splitList(env.INTEL_FEED_URLS).map((entry) => {
          const at = entry.indexOf('=');
          return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
        }),
      ),
      refreshMs: env.INTEL_REFRESH_MINUTES * 60_000,
      timeoutMs: env.INTEL_TIMEOUT_MS,
      cacheTtlSeconds: env.INTEL_CACHE_TTL_SECONDS,
      abuseIpDb: env.ABUSEIPDB_API_KEY ? { apiKey: env.ABUSEIPDB_API_KEY, baseUrl: env.ABUSEIPDB_BASE_URL } : undefined,
      otx: env.OTX_API_KEY ? { apiKey: env.OTX_API_KEY, baseUrl: env.OTX_BASE_URL } : undefined,
      misp: env.MISP_URL && env.MISP_API_KEY ? { apiKey: env.MISP_API_KEY, baseUrl: env.MISP_URL } : undefined,
    },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    discord: {
      /** Unset: no interactions endpoint. */
      publicKey: env.DISCORD_PUBLIC_KEY,
      applicationId: env.DISCORD_APPLICATION_ID,
      botToken: env.DISCORD_BOT_TOKEN,
      apiBaseUrl: env.DISCORD_API_BASE_URL.replace(/\/+$/, ''),
      ephemeral: env.DISCORD_EPHEMERAL === 'true',
      maxAgeSeconds: env.DISCORD_MAX_AGE_SECONDS,
      followUpWaitMs: env.DISCORD_FOLLOW_UP_WAIT_SECONDS * 1000,
    },
    notifier: {
      /** Empty: no notifier. The schema has checked every entry. */
      destinations: parseWebhookDestinations(env.NOTIFY_WEBHOOK_URLS ?? '').destinations,
      dispositions: z.array(DispositionSchema).parse(splitList(env.NOTIFY_DISPOSITIONS)),
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
      maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
      pollMs: env.NOTIFY_POLL_SECONDS * 1000,
      backfillMs: env.NOTIFY_BACKFILL_MINUTES * 60_000,
    },
    devElasticsearch: { home: env.ELASTICSEARCH_DEV_HOME, heap: env.ELASTICSEARCH_DEV_HEAP },
  } as const;
}

export type Config = Readonly<ReturnType<typeof toConfig>>;

/** Names every problem in one line, and never echoes a value (it may be a secret, or hold one in a URL). */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`).join('; ');
}

/**
 * Reads the configuration once, at start. Throws `CONFIG_INVALID` naming each bad variable.
 * @param env - the environment to read; defaults to `process.env`
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new SocAgentError('CONFIG_INVALID', `Invalid configuration: ${describeIssues(parsed.error.issues)}`, {
      variables: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
  }
  if (parsed.data.ANALYST === 'claude' && !parsed.data.ANTHROPIC_API_KEY) {
    throw new SocAgentError('CONFIG_INVALID', 'Invalid configuration: ANTHROPIC_API_KEY: required when ANALYST=claude', {
      variables: ['ANTHROPIC_API_KEY'],
    });
  }
  return Object.freeze(toConfig(parsed.data));
}

export const EnvironmentVariableSchema = z.object({
  name: z.string(),
  default: z.string().optional(),
  description: z.string(),
  secret: z.boolean(),
});
export type EnvironmentVariable = z.infer<typeof EnvironmentVariableSchema>;

const JsonSchemaPropertySchema = z.object({
  default: z.unknown().optional(),
  description: z.string().optional(),
  secret: z.boolean().optional(),
});

/** The variables of `EnvSchema` with their defaults, descriptions and whether they are secret. */
export function describeEnvironment(): EnvironmentVariable[] {
  const jsonSchema = z.toJSONSchema(EnvSchema, { io: 'input', unrepresentable: 'any' });
  const properties = z.record(z.string(), JsonSchemaPropertySchema).parse(jsonSchema.properties);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    default:
      property.default === undefined ? undefined : typeof property.default === 'string' ? property.default : JSON.stringify(property.default),
    description: property.description ?? '',
    secret: property.secret ?? false,
  }));
}
