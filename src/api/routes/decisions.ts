import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DecisionInputSchema, DecisionSchema } from '../../domain/decision.js';
import { SocAgentError } from '../../domain/errors.js';
import { getAlert } from '../../store/alert-store.js';
import { listDecisions } from '../../store/decision-store.js';
import { AlertParamsSchema, COMMON_ERRORS, ErrorBodySchema, NoQuerySchema } from '../http-schemas.js';
import { recordDecision, type DecisionDeps } from '../record-decision.js';

/** Analysts' decisions on alerts: recorded apart from the agent's verdict, kept as a history. */
export function decisionRoutes(deps: DecisionDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/alerts/:id/decision',
      {
        schema: {
          tags: ['decisions'],
          summary: "Record an analyst's decision on an alert",
          description: "Stored beside the agent's verdict, which it never changes. Each call adds to the alert's history; the newest decision stands.",
          params: AlertParamsSchema,
          querystring: NoQuerySchema,
          body: DecisionInputSchema,
          response: { 201: DecisionSchema, 403: ErrorBodySchema, 404: ErrorBodySchema, ...COMMON_ERRORS },
        },
      },
      async (request, reply) => reply.code(201).send(await recordDecision(deps, request.params.id, request.body)),
    );

    app.get(
      '/alerts/:id/decisions',
      {
        schema: {
          tags: ['decisions'],
          summary: 'The decisions recorded on an alert, newest first (at most 50)',
          params: AlertParamsSchema,
          querystring: NoQuerySchema,
          response: { 200: z.object({ decisions: z.array(DecisionSchema) }), 404: ErrorBodySchema, ...COMMON_ERRORS },
        },
      },
      async (request) => {
        const alertId = request.params.id;
        if (!(await getAlert(deps.es, deps.prefix, alertId))) throw new SocAgentError('ALERT_NOT_FOUND', `alert ${alertId} does not exist`, { alertId });
        return { decisions: await listDecisions(deps.es, deps.prefix, alertId) };
      },
    );
  };
}
