import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkServices, type ServiceProbe } from '../../observability/service-probes.js';
import { NoQuerySchema } from '../http-schemas.js';

const ReadinessSchema = z.object({ status: z.enum(['ready', 'unavailable']), services: z.record(z.string(), z.enum(['ok', 'unavailable'])) });

/** `/healthz` says the process runs; `/readyz` says its servers answer. Neither needs a token or counts against the rate limit. */
export function healthRoutes(probes: readonly ServiceProbe[]): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { public: true, rateLimit: false } as const;
    app.get(
      '/healthz',
      { config, schema: { tags: ['operations'], summary: 'Liveness: the process runs', security: [], querystring: NoQuerySchema, response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        config,
        schema: { tags: ['operations'], summary: 'Readiness: Redis and Elasticsearch answer', security: [], querystring: NoQuerySchema, response: { 200: ReadinessSchema, 503: ReadinessSchema } },
      },
      async (_request, reply) => {
        const readiness = await checkServices(probes);
        return reply.code(readiness.ready ? 200 : 503).send({ status: readiness.ready ? 'ready' : 'unavailable', services: readiness.services });
      },
    );
  };
}
