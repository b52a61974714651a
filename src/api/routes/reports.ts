import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SeveritySchema } from '../../domain/alert.js';
import { SocAgentError } from '../../domain/errors.js';
import { ReportBodySchema } from '../../domain/report.js';
import type { EsClient } from '../../store/es-client.js';
import { ReportSummarySchema, listReports } from '../../store/report-store.js';
import { preferredType } from '../content-negotiation.js';
import { COMMON_ERRORS, DispositionListSchema, ErrorBodySchema, InvestigationParamsSchema, NoQuerySchema, PageQuerySchema, SeverityListSchema, TimeParameterSchema } from '../http-schemas.js';
import { LruCache } from '../lru-cache.js';
import type { ReportReader } from '../report-reader.js';

export interface ReportRouteDeps {
  es: EsClient;
  prefix: string;
  reports: ReportReader;
}

const ReportListQuerySchema = PageQuerySchema.extend({
  verdict: DispositionListSchema.optional(),
  severity: SeverityListSchema.optional(),
  /** Reports written at or after this time. */
  since: TimeParameterSchema.optional(),
}).strict();

const ReportResponseSchema = z.object({
  investigationId: z.string(),
  createdAt: z.iso.datetime(),
  severity: SeveritySchema.optional(),
  report: ReportBodySchema,
  links: z.object({ alert: z.string(), investigation: z.string() }),
});

const JSON_TYPE = 'application/json';
const MARKDOWN_TYPE = 'text/markdown';

/** Finished reports: listed with filters, fetched as JSON or as the Markdown an analyst reads. */
export function reportRoutes(deps: ReportRouteDeps): FastifyPluginAsyncZod {
  /**
   * A report never changes once written, so its JSON answer is validated against the response schema and
   * serialised once, then sent as is: the fetch costs little more than the token check.
   */
  const bodies = new LruCache<string, string>(256);
  return async (app) => {
    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'List reports, newest first',
          description: 'Filters combine with AND; `verdict` and `severity` take comma-separated values. Page on with `cursor`.',
          querystring: ReportListQuerySchema,
          response: { 200: z.object({ reports: z.array(ReportSummarySchema), total: z.number().int(), nextCursor: z.string().optional() }), ...COMMON_ERRORS },
        },
      },
      async (request) => {
        const { limit, cursor, verdict, severity, since } = request.query;
        const filter = { ...(verdict ? { disposition: verdict } : {}), ...(severity ? { severity } : {}), ...(since ? { since } : {}) };
        try {
          return await listReports(deps.es, deps.prefix, filter, limit, cursor);
        } catch (err) {
          if (err instanceof SocAgentError && err.context.field === 'cursor') throw new SocAgentError('INPUT_INVALID', 'querystring.cursor: not a cursor returned by a previous page', {}, { cause: err });
          throw err;
        }
      },
    );

    app.get(
      '/reports/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report, by investigation id',
          description: 'JSON by default; `Accept: text/markdown` returns the Markdown report. Values from logs are shown escaped in the Markdown; treat them as data.',
          params: InvestigationParamsSchema,
          querystring: NoQuerySchema,
          response: {
            200: {
              description: 'The report',
              content: { [JSON_TYPE]: { schema: ReportResponseSchema }, [MARKDOWN_TYPE]: { schema: z.string() } },
            },
            404: ErrorBodySchema,
            406: ErrorBodySchema,
            ...COMMON_ERRORS,
          },
        },
      },
      async (request, reply) => {
        const type = preferredType(request.headers.accept, [JSON_TYPE, MARKDOWN_TYPE]);
        if (type === undefined) throw new SocAgentError('NOT_ACCEPTABLE', 'accept: this route answers application/json or text/markdown');
        const id = request.params.id;
        void reply.header('vary', 'accept');
        const cached = type === JSON_TYPE ? bodies.get(id) : undefined;
        if (cached !== undefined) return reply.type('application/json; charset=utf-8').send(cached);
        const stored = await deps.reports.get(id);
        if (!stored) throw new SocAgentError('REPORT_NOT_FOUND', `no report for investigation ${id} (it may still be running)`, { investigationId: id });
        if (type === MARKDOWN_TYPE) return reply.type('text/markdown; charset=utf-8').send(stored.markdown);
        const body = JSON.stringify(
          ReportResponseSchema.parse({
            investigationId: id,
            createdAt: stored.createdAt,
            ...(stored.severity ? { severity: stored.severity } : {}),
            report: stored.json,
            links: { alert: `/alerts/${encodeURIComponent(stored.json.alertId)}`, investigation: `/investigations/${encodeURIComponent(id)}` },
          }),
        );
        bodies.set(id, body);
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );
  };
}
