import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { COMMON_ERRORS, NoQuerySchema } from '../http-schemas.js';

/** Prometheus metrics of this app's own registry; needs a token like everything but the health probes. */
export function metricsRoutes(registry: Registry): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['operations'],
          summary: 'Prometheus metrics: queue depths, step durations, verdicts, tokens and cost, detection latency',
          querystring: NoQuerySchema,
          response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, ...COMMON_ERRORS },
        },
      },
      async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    );
  };
}
