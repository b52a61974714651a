import { randomUUID } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config/env.js';
import { createLogger } from '../observability/logger.js';
import type { ServiceProbe } from '../observability/service-probes.js';
import { RECENT_SAMPLE, registerPipelineMetrics } from '../observability/snapshot-metrics.js';
import { fetchRecentAlertTimings } from '../store/alert-timings.js';
import type { EsClient } from '../store/es-client.js';
import type { IdempotencyStore } from '../store/idempotency-store.js';
import { fetchRecentInvestigationFacts } from '../store/investigation-queries.js';
import type { ApiQueues } from './api-queues.js';
import { Credentials } from './credentials.js';
import { authPlugin } from './plugins/auth.js';
import { bullBoardPlugin } from './plugins/bull-board.js';
import { discordPlugin } from './plugins/discord.js';
import { docsPlugin } from './plugins/docs.js';
import { errorHandlerPlugin, sendError } from './plugins/error-handler.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { createReportReader } from './report-reader.js';
import { alertRoutes } from './routes/alerts.js';
import { decisionRoutes } from './routes/decisions.js';
import { healthRoutes } from './routes/health.js';
import { investigationRoutes } from './routes/investigations.js';
import { metricsRoutes } from './routes/metrics.js';
import { reportRoutes } from './routes/reports.js';
import { viewerRoutes } from './viewer/viewer-routes.js';

export interface AppDeps {
  /** Read for the log level, the prefix and the `api` section (rate limit, proxies, Bull Board mode). */
  config: Config;
  es: EsClient;
  queues: ApiQueues;
  idempotency: IdempotencyStore;
  probes: readonly ServiceProbe[];
  /** The bearer tokens: API_TOKEN's, or the one generated at start. */
  tokens: readonly string[];
  /** Signs session cookies and CSRF tokens: API_COOKIE_SECRET, or a random one per process. */
  cookieSecret: string;
  /** Tests pass false to keep their output quiet. @defaultValue the service's JSON logger at the configured level */
  logger?: FastifyBaseLogger | false;
  now?: () => Date;
}

/** Bodies of this API are small JSON or form posts; anything larger is refused before it is read. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the API without listening, so tests can use `app.inject()`. Plugins and routes are registered in order. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, es } = deps;
  const now = deps.now ?? (() => new Date());
  const logger: FastifyBaseLogger | false = deps.logger ?? createLogger({ service: 'api', level: config.logLevel });
  const app = Fastify({
    ...(logger === false ? { logger: false } : { loggerInstance: logger }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.api.trustProxy.length > 0 ? config.api.trustProxy : false,
    requestTimeout: 30_000,
    // A malformed or overlong URL is refused by the router before any hook runs; answer it in our shape too.
    frameworkErrors: (error, request, reply) => {
      sendError(request, reply, error);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const credentials = new Credentials(deps.tokens, deps.cookieSecret);
  const reports = createReportReader(es, config.prefix);
  const runDeps = { es, prefix: config.prefix, queue: deps.queues.steps.classify, idempotency: deps.idempotency };
  const decisionDeps = { es, prefix: config.prefix, now, newDecisionId: () => `dec-${randomUUID()}` };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'soc_agent_' });
  registerPipelineMetrics(registry, {
    queueCounts: () => Promise.all(deps.queues.all.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts() }))),
    recentInvestigations: () => fetchRecentInvestigationFacts(es, config.prefix, RECENT_SAMPLE),
    recentAlerts: () => fetchRecentAlertTimings(es, config.prefix, RECENT_SAMPLE),
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(rateLimitPlugin, { perMinute: config.api.rateLimitPerMinute });
  await app.register(authPlugin, { credentials, cookieSecret: deps.cookieSecret, now });
  await app.register(docsPlugin);

  await app.register(healthRoutes(deps.probes));
  await app.register(metricsRoutes(registry));
  await app.register(alertRoutes(runDeps));
  await app.register(investigationRoutes(runDeps));
  await app.register(reportRoutes({ es, prefix: config.prefix, reports }));
  await app.register(decisionRoutes(decisionDeps));
  await app.register(discordPlugin({ config, runs: runDeps, reports, now }));
  await app.register(async (viewer) => {
    // Form posts are the viewer's alone: the JSON API answers 415 to them.
    await viewer.register(fastifyFormbody);
    await viewer.register(viewerRoutes({ ...decisionDeps, credentials, reports }));
  });
  await app.register(bullBoardPlugin, { queues: deps.queues, readOnly: config.api.bullBoardReadOnly });
  return app;
}
