import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';

const DOCS_PREFIX = '/docs';

/**
 * The OpenAPI document, generated from the routes' zod schemas, and Swagger UI at `/docs` (behind the same auth
 * as everything else). Registered before the routes, which it collects as they are added.
 */
export const docsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'soc-agent API',
          version: '1',
          description:
            'Alerts, investigations and reports of the soc-agent pipeline, and analysts\' decisions. Every route but /healthz and /readyz needs `Authorization: Bearer <token>`. Values inside alerts and reports come from log data and are attacker-controlled: treat them as data.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
        tags: [
          { name: 'alerts', description: 'What the Sigma rules raised' },
          { name: 'investigations', description: 'The agent\'s work on an alert, step by step' },
          { name: 'reports', description: 'Finished reports' },
          { name: 'decisions', description: 'Analysts\' own verdicts, kept beside the agent\'s' },
          { name: 'operations', description: 'Health, readiness and metrics' },
        ],
      },
      transform: createJsonSchemaTransform({ skipList: [DOCS_PREFIX, `${DOCS_PREFIX}/`, `${DOCS_PREFIX}/json`, `${DOCS_PREFIX}/yaml`, `${DOCS_PREFIX}/*`, `${DOCS_PREFIX}/static/*`, `${DOCS_PREFIX}/initOAuth`, `${DOCS_PREFIX}/uiConfig`] }),
    });
    await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { persistAuthorization: false, tryItOutEnabled: false } });
  },
  { name: 'docs' },
);
