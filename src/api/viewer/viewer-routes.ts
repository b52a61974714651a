import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SeveritySchema } from '../../domain/alert.js';
import { DecisionInputSchema } from '../../domain/decision.js';
import { SocAgentError } from '../../domain/errors.js';
import { DispositionSchema } from '../../domain/verdict.js';
import { listDecisions } from '../../store/decision-store.js';
import { listReports } from '../../store/report-store.js';
import { SESSION_MAX_AGE_MS, type Credentials } from '../credentials.js';
import { InvestigationParamsSchema, NoQuerySchema } from '../http-schemas.js';
import { NextPathSchema, SESSION_COOKIE, safeNextPath } from '../plugins/auth.js';
import { recordDecision, type DecisionDeps } from '../record-decision.js';
import type { ReportReader } from '../report-reader.js';
import { ASSET_CSS } from './layout.js';
import { renderLoginPage } from './login-page.js';
import { SINCE_HOURS, SinceChoiceSchema, renderReportListPage } from './report-list-page.js';
import { renderReportPage } from './report-page.js';
import { VIEWER_CSS } from './viewer-css.js';

export interface ViewerDeps extends DecisionDeps {
  credentials: Credentials;
  reports: ReportReader;
}

const PAGE_SIZE = 25;
/** An empty select ("any") is no filter. */
const optionalChoice = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const ListQuerySchema = z
  .object({
    verdict: optionalChoice(DispositionSchema),
    severity: optionalChoice(SeveritySchema),
    since: optionalChoice(SinceChoiceSchema),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/)
      .optional(),
  })
  .strict();

const DecisionFormSchema = DecisionInputSchema.omit({ investigationId: true }).extend({ _csrf: z.string().max(200) }).strict();

/** The HTML pages are not part of the API document, and take no query parameters they do not name. */
const hide = { hide: true, querystring: NoQuerySchema } as const;

/**
 * The report viewer: server-rendered pages (no build step, no script), a login form that opens a session
 * cookie, and a decision form protected by the session's CSRF token.
 */
export function viewerRoutes(deps: ViewerDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', { config: { public: true }, schema: hide }, async (_request, reply) => reply.redirect('/ui/reports', 303));
    app.get('/ui', { config: { public: true }, schema: hide }, async (_request, reply) => reply.redirect('/ui/reports', 303));

    app.get(ASSET_CSS, { config: { public: true }, schema: hide }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(VIEWER_CSS),
    );

    app.get(
      '/login',
      { config: { public: true }, schema: { ...hide, querystring: z.object({ next: NextPathSchema.optional() }).strict() } },
      async (request, reply) => reply.type('text/html; charset=utf-8').send(renderLoginPage(safeNextPath(request.query.next), false)),
    );

    app.post(
      '/login',
      {
        // Token guessing gets ten tries a minute per address, whatever the global limit.
        config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: { ...hide, body: z.object({ token: z.string().max(512), next: NextPathSchema.optional() }).strict() },
      },
      async (request, reply) => {
        const next = safeNextPath(request.body.next);
        const session = deps.credentials.openSession(request.body.token, deps.now());
        if (session === undefined) {
          request.log.info('login refused');
          return reply.code(401).type('text/html; charset=utf-8').send(renderLoginPage(next, true));
        }
        return reply
          .setCookie(SESSION_COOKIE, session, { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto', maxAge: SESSION_MAX_AGE_MS / 1000 })
          .redirect(next, 303);
      },
    );

    app.post('/logout', { schema: { ...hide, body: z.object({ _csrf: z.string().max(200) }).strict() } }, async (_request, reply) =>
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/login', 303),
    );

    app.get('/ui/reports', { schema: { ...hide, querystring: ListQuerySchema } }, async (request, reply) => {
      const { verdict, severity, since, cursor } = request.query;
      const sinceTime = since ? new Date(deps.now().getTime() - SINCE_HOURS[since] * 3_600_000).toISOString() : undefined;
      const filter = { ...(verdict ? { disposition: [verdict] } : {}), ...(severity ? { severity: [severity] } : {}), ...(sinceTime ? { since: sinceTime } : {}) };
      const result = await listReports(deps.es, deps.prefix, filter, PAGE_SIZE, cursor);
      const nextQuery = result.nextCursor
        ? new URLSearchParams({ ...(verdict ? { verdict } : {}), ...(severity ? { severity } : {}), ...(since ? { since } : {}), cursor: result.nextCursor }).toString()
        : undefined;
      const csrfToken = request.auth?.via === 'session' ? request.auth.csrfToken : '';
      return reply
        .type('text/html; charset=utf-8')
        .send(renderReportListPage({ reports: result.reports, total: result.total, filters: { ...(verdict ? { verdict } : {}), ...(severity ? { severity } : {}), ...(since ? { since } : {}) }, ...(nextQuery ? { nextQuery } : {}), csrfToken }));
    });

    app.get(
      '/ui/reports/:id',
      { schema: { ...hide, params: InvestigationParamsSchema, querystring: z.object({ saved: z.literal('1').optional() }).strict() } },
      async (request, reply) => {
        const report = await deps.reports.get(request.params.id);
        if (!report) throw new SocAgentError('REPORT_NOT_FOUND', `no report for investigation ${request.params.id}`, { investigationId: request.params.id });
        const decisions = await listDecisions(deps.es, deps.prefix, report.json.alertId);
        const csrfToken = request.auth?.via === 'session' ? request.auth.csrfToken : '';
        return reply.type('text/html; charset=utf-8').send(renderReportPage({ report, decisions, csrfToken, saved: request.query.saved === '1' }));
      },
    );

    app.post('/ui/reports/:id/decision', { schema: { ...hide, params: InvestigationParamsSchema, body: DecisionFormSchema } }, async (request, reply) => {
      const report = await deps.reports.get(request.params.id);
      if (!report) throw new SocAgentError('REPORT_NOT_FOUND', `no report for investigation ${request.params.id}`, { investigationId: request.params.id });
      const { verdict, note, who } = request.body;
      await recordDecision(deps, report.json.alertId, { verdict, note, who, investigationId: report.json.investigationId });
      return reply.redirect(`/ui/reports/${encodeURIComponent(request.params.id)}?saved=1#decision`, 303);
    });
  };
}
