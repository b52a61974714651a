import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlertSchema, AlertStatusSchema } from '../../domain/alert.js';
import { DecisionSchema } from '../../domain/decision.js';
import { SocAgentError } from '../../domain/errors.js';
import { InvestigationStatusSchema } from '../../domain/investigation.js';
import { DispositionSchema } from '../../domain/verdict.js';
import { getAlert, listAlerts } from '../../store/alert-store.js';
import { latestDecision } from '../../store/decision-store.js';
import {
  AlertParamsSchema,
  COMMON_ERRORS,
  ErrorBodySchema,
  NoQuerySchema,
  PageQuerySchema,
  SeverityListSchema,
  TimeParameterSchema,
  listParameter,
} from '../http-schemas.js';
import { listInvestigationRuns, requestInvestigationRun, type InvestigationRun, type RunDeps } from '../investigation-runs.js';

const RunStateSchema = z.enum(['queued', 'ended', ...InvestigationStatusSchema.options]);

const RunSchema = z.object({
  run: z.number().int().min(1),
  investigationId: z.string(),
  /** `queued` until the first step starts; `ended` when its first job finished without any state. */
  status: RunStateSchema,
  verdict: DispositionSchema.optional(),
  links: z.object({ investigation: z.string(), report: z.string() }),
});

function runBody(run: InvestigationRun): z.infer<typeof RunSchema> {
  const id = encodeURIComponent(run.investigationId);
  return {
    run: run.run,
    investigationId: run.investigationId,
    status: run.state,
    ...(run.verdict ? { verdict: run.verdict } : {}),
    links: { investigation: `/investigations/${id}`, report: `/reports/${id}` },
  };
}

const AlertListQuerySchema = PageQuerySchema.extend({
  status: listParameter(AlertStatusSchema).optional(),
  severity: SeverityListSchema.optional(),
  rule: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'expected a rule id' })
    .optional(),
  /** Alerts whose last match is at or after this time. */
  from: TimeParameterSchema.optional(),
  /** Alerts whose first match is at or before this time. */
  to: TimeParameterSchema.optional(),
}).strict();

const IdempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7E]{1,200}$/, { message: 'expected 1 to 200 printable ASCII characters' })
    .optional(),
});

/** The store's cursor error, named as the query parameter it came from. */
async function withCursorField<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof SocAgentError && err.code === 'INPUT_INVALID' && err.context.field === 'cursor') {
      throw new SocAgentError('INPUT_INVALID', 'querystring.cursor: not a cursor returned by a previous page', { field: 'cursor' }, { cause: err });
    }
    throw err;
  }
}

/** Alerts: the list with filters and cursor pages, one alert with its runs and decision, and re-runs. */
export function alertRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'List alerts, newest last match first',
          description: 'Filters combine with AND; list filters take comma-separated values. Page on with `cursor` from the previous page.',
          querystring: AlertListQuerySchema,
          response: { 200: z.object({ alerts: z.array(AlertSchema), total: z.number().int(), nextCursor: z.string().optional() }), ...COMMON_ERRORS },
        },
      },
      async (request) => {
        const { limit, cursor, status, severity, rule, from, to } = request.query;
        const filter = { ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(rule ? { ruleId: rule } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
        return withCursorField(listAlerts(deps.es, deps.prefix, filter, limit, cursor));
      },
    );

    app.get(
      '/alerts/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'One alert, its investigation runs and the analyst decision that stands',
          params: AlertParamsSchema,
          querystring: NoQuerySchema,
          response: { 200: z.object({ alert: AlertSchema, investigations: z.array(RunSchema), decision: DecisionSchema.nullable() }), 404: ErrorBodySchema, ...COMMON_ERRORS },
        },
      },
      async (request) => {
        const alert = await getAlert(deps.es, deps.prefix, request.params.id);
        if (!alert) throw new SocAgentError('ALERT_NOT_FOUND', `alert ${request.params.id} does not exist`, { alertId: request.params.id });
        const [runs, decision] = await Promise.all([listInvestigationRuns(deps, alert.id), latestDecision(deps.es, deps.prefix, alert.id)]);
        return { alert, investigations: runs.map(runBody), decision: decision ?? null };
      },
    );

    app.post(
      '/alerts/:id/investigations',
      {
        schema: {
          tags: ['investigations'],
          summary: 'Investigate an alert again',
          description:
            'Idempotent: while the alert\'s latest run is queued or running, that run is returned (created: false). With an `Idempotency-Key` header, a retried request returns the run its first try started, for a day.',
          params: AlertParamsSchema,
          querystring: NoQuerySchema,
          headers: IdempotencyHeadersSchema,
          body: z.object({}).strict().nullish(),
          response: { 202: RunSchema.extend({ alertId: z.string(), created: z.boolean() }), 404: ErrorBodySchema, 409: ErrorBodySchema, ...COMMON_ERRORS },
        },
      },
      async (request, reply) => {
        const alertId = request.params.id;
        if (!(await getAlert(deps.es, deps.prefix, alertId))) throw new SocAgentError('ALERT_NOT_FOUND', `alert ${alertId} does not exist`, { alertId });
        const outcome = await requestInvestigationRun(deps, alertId, request.headers['idempotency-key']);
        const body = { ...runBody(outcome.run), alertId, created: outcome.created };
        return reply.code(202).header('location', body.links.investigation).send(body);
      },
    );
  };
}
