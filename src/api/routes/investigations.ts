import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import { InvestigationSchema } from '../../domain/investigation.js';
import { getInvestigation, listInvestigationSteps } from '../../store/investigation-store.js';
import { COMMON_ERRORS, ErrorBodySchema, InvestigationParamsSchema, NoQuerySchema } from '../http-schemas.js';
import { firstStepJobId, LIVE_JOB_STATES } from '../../workers/chain.js';
import { MAX_RUNS, type RunDeps } from '../investigation-runs.js';
import { StepTrailEntrySchema, stepTrail } from '../step-trail.js';

/** `inv-<alert>` is run 1 of `al-<alert>`, `inv-<alert>-r<n>` run n; both readings are tried for a queued run. */
function runReadings(investigationId: string): { alertId: string; run: number }[] {
  const base = investigationId.replace(/^inv-/, '');
  const readings = [{ alertId: `al-${base}`, run: 1 }];
  const match = /^(.+)-r(\d{1,2})$/.exec(base);
  if (match?.[1] && match[2] && Number(match[2]) >= 2 && Number(match[2]) <= MAX_RUNS) readings.push({ alertId: `al-${match[1]}`, run: Number(match[2]) });
  return readings;
}

const InvestigationResponseSchema = z.object({
  investigationId: z.string(),
  /** `queued` while the first step has not started: there is no state yet. */
  status: z.enum(['queued', 'running', 'completed', 'failed', 'degraded']),
  investigation: InvestigationSchema.nullable(),
  /** Every saved state, oldest first: the audit trail. */
  trail: z.array(StepTrailEntrySchema),
  links: z.object({ report: z.string() }),
});

export function investigationRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/investigations/:id',
      {
        schema: {
          tags: ['investigations'],
          summary: 'An investigation with its step trail',
          params: InvestigationParamsSchema,
          querystring: NoQuerySchema,
          response: { 200: InvestigationResponseSchema, 404: ErrorBodySchema, ...COMMON_ERRORS },
        },
      },
      async (request) => {
        const id = request.params.id;
        const links = { report: `/reports/${encodeURIComponent(id)}` };
        const investigation = await getInvestigation(deps.es, deps.prefix, id);
        if (investigation) {
          const trail = stepTrail(await listInvestigationSteps(deps.es, deps.prefix, id));
          return { investigationId: id, status: investigation.status, investigation, trail, links };
        }
        for (const reading of runReadings(id)) {
          const state = await deps.queue.getJobState(firstStepJobId(reading.alertId, reading.run));
          if (LIVE_JOB_STATES.has(state)) return { investigationId: id, status: 'queued' as const, investigation: null, trail: [], links };
        }
        throw new SocAgentError('INVESTIGATION_NOT_FOUND', `investigation ${id} does not exist`, { investigationId: id });
      },
    );
  };
}
