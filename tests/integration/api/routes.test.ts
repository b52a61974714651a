import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Alert } from '../../../src/domain/alert.js';
import { STEPS } from '../../../src/domain/step.js';
import { investigationIdFor, stepJobId } from '../../../src/workers/chain.js';
import type { StoredReport } from '../../../src/store/report-store.js';
import { getInvestigation } from '../../../src/store/investigation-store.js';
import { API_TOKEN, bearer, buildTestApi, removeIdempotencyKeys, type TestApi } from '../../support/api-app.js';
import { isolate } from '../../support/isolation.js';
import { buildPipelineReports, startIsolatedWorkers } from '../../support/pipeline-reports.js';

/**
 * Every route of the API against the real Redis and Elasticsearch, on reports the pipeline wrote: a generated
 * day, the Sigma rules, and each alert investigated by the offline analyst through the six queues.
 */
const iso = isolate({ ANALYST: 'offline', API_RATE_LIMIT: '100000' });
let api: TestApi;
let alerts: Alert[];
let reports: StoredReport[];

beforeAll(async () => {
  ({ alerts, reports } = await buildPipelineReports(iso));
  api = await buildTestApi(iso);
}, 300_000);

afterAll(async () => {
  await api.close();
  await removeIdempotencyKeys(iso.config);
  await iso.cleanup();
});

const inject = (options: InjectOptions) => api.app.inject(options);
const get = (url: string, headers: Record<string, string> = bearer) => inject({ url, headers });
const errorOf = (response: { json: <T>() => T }) => response.json<{ error: { code: string; message: string } }>().error;

function reportOf(alert: Alert): StoredReport {
  const report = reports.find((candidate) => candidate.json.alertId === alert.id);
  if (!report) throw new Error(`no report for ${alert.id}`);
  return report;
}

describe('authentication', () => {
  const protectedRoutes = (): [string, InjectOptions][] => {
    const alert = alerts[0]?.id ?? 'al-missing00';
    const investigation = investigationIdFor(alert);
    return [
      ['GET /alerts', { url: '/alerts' }],
      ['GET /alerts/:id', { url: `/alerts/${alert}` }],
      ['POST /alerts/:id/investigations', { method: 'POST', url: `/alerts/${alert}/investigations` }],
      ['POST /alerts/:id/decision', { method: 'POST', url: `/alerts/${alert}/decision`, payload: { verdict: 'benign', note: 'n', who: 'w' } }],
      ['GET /alerts/:id/decisions', { url: `/alerts/${alert}/decisions` }],
      ['GET /investigations/:id', { url: `/investigations/${investigation}` }],
      ['GET /reports', { url: '/reports' }],
      ['GET /reports/:id', { url: `/reports/${investigation}` }],
      ['GET /metrics', { url: '/metrics' }],
      ['GET /docs/json', { url: '/docs/json' }],
      ['GET /queues/api/queues', { url: '/queues/api/queues' }],
      ['GET /ui/reports', { url: '/ui/reports' }],
      ['GET an unknown route', { url: '/no/such/route' }],
    ];
  };

  it('answers 401 to every route but health without a token, with a wrong token, and with another scheme', async () => {
    for (const [label, options] of protectedRoutes()) {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789abcdef', `Bearer ${API_TOKEN}x`, `Basic ${Buffer.from(`user:${API_TOKEN}`).toString('base64')}`, 'Bearer ']) {
        const response = await inject({ ...options, headers: authorization === undefined ? {} : { authorization } });
        expect(response.statusCode, `${label} with ${authorization ?? 'nothing'}`).toBe(401);
        expect(errorOf(response).code).toBe('UNAUTHENTICATED');
        expect(response.headers['www-authenticate']).toBe('Bearer realm="soc-agent"');
      }
    }
  });

  it('stores nothing when an unauthenticated request tries to change something', async () => {
    const alert = alerts[0];
    if (!alert) throw new Error('no alert');
    await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, payload: { verdict: 'benign', note: 'n', who: 'w' } });
    await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations` });
    expect((await get(`/alerts/${alert.id}/decisions`)).json()).toEqual({ decisions: [] });
    expect(await api.queues.steps.classify.getJob(stepJobId(investigationIdFor(alert.id, 2), 'classify'))).toBeUndefined();
  });

  it('serves the health probes without a token', async () => {
    expect((await get('/healthz', {})).statusCode).toBe(200);
    expect((await get('/readyz', {})).statusCode).toBe(200);
  });

  it('sends a browser without a session to the login form and back where it was going', async () => {
    const response = await get('/ui/reports?verdict=malicious', { accept: 'text/html' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?next=%2Fui%2Freports%3Fverdict%3Dmalicious');
    const login = await get('/login?next=%2Fui%2Freports', {});
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('name="next" value="/ui/reports"');
  });

  it('opens a signed HttpOnly SameSite=Strict session for a valid token only', async () => {
    const refused = await inject({ method: 'POST', url: '/login', payload: 'token=wrong&next=%2Fui%2Freports', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('That token is not valid.');
    expect(refused.cookies).toEqual([]);

    const elsewhere = await inject({ method: 'POST', url: '/login', payload: `token=${API_TOKEN}&next=%2F%2Fevil.example%2F`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.cookies).toEqual([]);

    const login = await inject({ method: 'POST', url: '/login', payload: `token=${API_TOKEN}&next=%2Fui%2Freports%3Fverdict%3Dbenign`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/ui/reports?verdict=benign');
    const cookie = login.cookies.find((candidate) => candidate.name === 'soc_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).not.toContain(API_TOKEN);

    const page = await get('/ui/reports', { cookie: `soc_session=${cookie?.value ?? ''}` });
    expect(page.statusCode).toBe(200);
    const tampered = await get('/alerts', { cookie: `soc_session=${(cookie?.value ?? '').replace(/^\d/, '9')}` });
    expect(tampered.statusCode).toBe(401);
  });

  it('refuses a change made with a session unless it carries the CSRF token of that session', async () => {
    const alert = alerts[2];
    if (!alert) throw new Error('no alert');
    const login = await inject({ method: 'POST', url: '/login', payload: `token=${API_TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const session = `soc_session=${login.cookies[0]?.value ?? ''}`;
    const page = await get(`/ui/reports/${reportOf(alert).json.investigationId}`, { cookie: session });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(csrf).not.toBe('');

    const decision = { verdict: 'suspicious', note: 'needs a look', who: 'sam' };
    const without = await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, headers: { cookie: session }, payload: decision });
    expect(without.statusCode).toBe(403);
    const forged = await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, headers: { cookie: session, 'x-csrf-token': `${csrf}x` }, payload: decision });
    expect(forged.statusCode).toBe(403);
    expect((await get(`/alerts/${alert.id}/decisions`)).json()).toEqual({ decisions: [] });

    const withToken = await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, headers: { cookie: session, 'x-csrf-token': csrf }, payload: decision });
    expect(withToken.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    const login = await inject({ method: 'POST', url: '/login', payload: `token=${API_TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const session = `soc_session=${login.cookies[0]?.value ?? ''}`;
    const page = await get('/ui/reports', { cookie: session });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const logout = await inject({ method: 'POST', url: '/logout', headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(logout.statusCode).toBe(303);
    expect(logout.cookies.find((cookie) => cookie.name === 'soc_session')?.value).toBe('');
  });

  it('sends security headers, with a policy that forbids inline script on the viewer', async () => {
    const response = await get('/ui/reports');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect((await get('/alerts')).headers['cache-control']).toBe('no-store');
  });
});

describe('GET /alerts', () => {
  it('lists every alert the generated day raised, newest last match first', async () => {
    const body = (await get('/alerts?limit=100')).json<{ alerts: Alert[]; total: number; nextCursor?: string }>();
    expect(body.total).toBe(alerts.length);
    expect(body.alerts.map((alert) => alert.id).sort()).toEqual(alerts.map((alert) => alert.id).sort());
    const lastSeen = body.alerts.map((alert) => alert.lastSeen);
    expect(lastSeen).toEqual([...lastSeen].sort().reverse());
    expect(body.nextCursor).toBeUndefined();
  });

  it('filters by severity, status, rule and time range', async () => {
    const critical = alerts.filter((alert) => alert.severity === 'critical').map((alert) => alert.id);
    expect(critical.length).toBeGreaterThan(0);
    const bySeverity = (await get('/alerts?severity=critical')).json<{ alerts: Alert[] }>();
    expect(bySeverity.alerts.map((alert) => alert.id)).toEqual(critical);
    const both = (await get('/alerts?severity=critical,medium')).json<{ total: number }>();
    expect(both.total).toBe(alerts.filter((alert) => alert.severity === 'critical' || alert.severity === 'medium').length);

    const first = alerts[0];
    if (!first) throw new Error('no alert');
    const byRule = (await get(`/alerts?rule=${encodeURIComponent(first.rule.id)}`)).json<{ alerts: Alert[] }>();
    expect(byRule.alerts.map((alert) => alert.rule.id)).toEqual(alerts.filter((alert) => alert.rule.id === first.rule.id).map((alert) => alert.rule.id));
    expect((await get('/alerts?status=new')).json<{ total: number }>().total).toBe(0);
    expect((await get('/alerts?status=investigated,failed')).json<{ total: number }>().total).toBe(alerts.length);

    const from = first.lastSeen;
    const expectedFrom = alerts.filter((alert) => alert.lastSeen >= from).length;
    expect((await get(`/alerts?from=${encodeURIComponent(from)}`)).json<{ total: number }>().total).toBe(expectedFrom);
    const before = new Date(Date.parse(first.firstSeen) - 1).toISOString().replace('Z', '+00:00');
    expect((await get(`/alerts?to=${encodeURIComponent(before)}`)).json<{ total: number }>().total).toBe(alerts.filter((alert) => alert.firstSeen < first.firstSeen).length);
  });

  it('pages with a cursor through every alert exactly once', async () => {
    const seen: string[] = [];
    let url = '/alerts?limit=1';
    for (let page = 0; page < 20; page += 1) {
      const body = (await get(url)).json<{ alerts: Alert[]; nextCursor?: string }>();
      seen.push(...body.alerts.map((alert) => alert.id));
      if (!body.nextCursor) break;
      url = `/alerts?limit=1&cursor=${body.nextCursor}`;
    }
    expect(seen.sort()).toEqual(alerts.map((alert) => alert.id).sort());
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=abc', 'querystring.limit'],
    ['limit=101', 'querystring.limit'],
    ['severity=urgent', 'querystring.severity'],
    ['status=closed', 'querystring.status'],
    ['from=yesterday', 'querystring.from'],
    ['rule=*:*', 'querystring.rule'],
    ['cursor=not-a-cursor', 'querystring.cursor'],
    ['cursor=!!', 'querystring.cursor'],
    ['sort=asc', 'querystring'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await get(`/alerts?${query}`);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'INPUT_INVALID' });
    expect(errorOf(response).message.startsWith(`${field}`)).toBe(true);
  });
});

describe('GET /alerts/:id', () => {
  it('returns the alert with its investigation run and no decision yet', async () => {
    const alert = alerts[3];
    if (!alert) throw new Error('no alert');
    const body = (await get(`/alerts/${alert.id}`)).json<{ alert: Alert; investigations: unknown[]; decision: unknown }>();
    expect(body.alert.id).toBe(alert.id);
    expect(body.investigations).toEqual([
      {
        run: 1,
        investigationId: investigationIdFor(alert.id),
        status: 'completed',
        verdict: reportOf(alert).json.disposition,
        links: { investigation: `/investigations/${investigationIdFor(alert.id)}`, report: `/reports/${investigationIdFor(alert.id)}` },
      },
    ]);
    expect(body.decision).toBeNull();
  });

  it('answers 404 naming an alert that does not exist, and 400 for an id that cannot be one', async () => {
    const missing = await get('/alerts/al-doesnotexist00');
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing)).toEqual({ code: 'ALERT_NOT_FOUND', message: 'alert al-doesnotexist00 does not exist' });
    const malformed = await get(`/alerts/${encodeURIComponent("' OR 1=1 --")}`);
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).message).toMatch(/^params\.id: /);
  });
});

describe('POST /alerts/:id/investigations', () => {
  it('starts one re-run for two requests while it waits, and gives both the same investigation', async () => {
    const alert = alerts[1];
    if (!alert) throw new Error('no alert');
    const rerun = investigationIdFor(alert.id, 2);
    const first = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: bearer });
    const second = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: bearer });
    expect(first.statusCode).toBe(202);
    expect(first.headers.location).toBe(`/investigations/${rerun}`);
    expect(first.json()).toMatchObject({ investigationId: rerun, alertId: alert.id, run: 2, status: 'queued', created: true });
    expect(second.statusCode).toBe(202);
    expect(second.json()).toMatchObject({ investigationId: rerun, status: 'queued', created: false });
    const waiting = await api.queues.steps.classify.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    expect(waiting.map((job) => job.id)).toEqual([stepJobId(rerun, 'classify')]);
    expect((await get(`/investigations/${rerun}`)).json()).toMatchObject({ investigationId: rerun, status: 'queued', investigation: null, trail: [] });
  });

  it('runs the re-run to a report of its own, and honours an Idempotency-Key after the run finished', async () => {
    const alert = alerts[1];
    if (!alert) throw new Error('no alert');
    const runStatus = async (run: number) => (await get(`/alerts/${alert.id}`)).json<{ investigations: { run: number; status: string }[] }>().investigations.find((entry) => entry.run === run)?.status;
    const workers = await startIsolatedWorkers(iso);
    try {
      await vi.waitFor(async () => expect(await runStatus(2)).toBe('completed'), { timeout: 120_000, interval: 500 });
      const rerunReport = await get(`/reports/${investigationIdFor(alert.id, 2)}`);
      expect(rerunReport.statusCode).toBe(200);
      expect(rerunReport.json<{ report: { alertId: string } }>().report.alertId).toBe(alert.id);

      const keyed = { ...bearer, 'idempotency-key': 'client-retry-7f3a' };
      const third = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: keyed });
      expect(third.json()).toMatchObject({ run: 3, created: true });
      await vi.waitFor(async () => expect(await runStatus(3)).toBe('completed'), { timeout: 120_000, interval: 500 });

      const retried = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: keyed });
      expect(retried.statusCode).toBe(202);
      expect(retried.json()).toMatchObject({ investigationId: investigationIdFor(alert.id, 3), status: 'completed', created: false });
    } finally {
      await workers.close();
    }
    const fresh = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: bearer });
    expect(fresh.json()).toMatchObject({ investigationId: investigationIdFor(alert.id, 4), created: true });
    // The agent's first verdict stays as it was.
    expect((await getInvestigation(iso.es, iso.config.prefix, investigationIdFor(alert.id)))?.assessment?.verdict.disposition).toBe(reportOf(alert).json.disposition);
  });

  it('answers 404 for an unknown alert and 400 naming a bad Idempotency-Key or body', async () => {
    const missing = await inject({ method: 'POST', url: '/alerts/al-doesnotexist00/investigations', headers: bearer });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('ALERT_NOT_FOUND');
    const alert = alerts[0];
    if (!alert) throw new Error('no alert');
    const badKey = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: { ...bearer, 'idempotency-key': 'x'.repeat(201) } });
    expect(badKey.statusCode).toBe(400);
    expect(errorOf(badKey).message).toMatch(/^headers\.idempotency-key: /);
    const badBody = await inject({ method: 'POST', url: `/alerts/${alert.id}/investigations`, headers: bearer, payload: { force: true } });
    expect(badBody.statusCode).toBe(400);
    expect(errorOf(badBody).message).toMatch(/^body: /);
    expect(await api.queues.steps.classify.getJob(stepJobId(investigationIdFor(alert.id, 2), 'classify'))).toBeUndefined();
  });
});

describe('GET /investigations/:id', () => {
  it('returns the investigation with its step trail, oldest first', async () => {
    const alert = alerts[0];
    if (!alert) throw new Error('no alert');
    const id = investigationIdFor(alert.id);
    const body = (await get(`/investigations/${id}`)).json<{ status: string; investigation: { id: string }; trail: { step: string; durationMs: number }[]; links: { report: string } }>();
    expect(body.status).toBe('completed');
    expect(body.investigation.id).toBe(id);
    expect(body.trail.map((entry) => entry.step)).toEqual([...STEPS]);
    expect(body.trail.every((entry) => entry.durationMs >= 0)).toBe(true);
    expect(body.links.report).toBe(`/reports/${id}`);
  });

  it('answers 404 for an unknown investigation and 400 for a malformed id', async () => {
    const missing = await get('/investigations/inv-doesnotexist00');
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('INVESTIGATION_NOT_FOUND');
    const malformed = await get('/investigations/..%2F..%2Fetc%2Fpasswd');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).message).toMatch(/^params\.id: /);
  });
});

describe('GET /reports', () => {
  const list = async (query: string) => (await get(`/reports?${query}`)).json<{ reports: { investigationId: string; disposition: string; severity?: string }[]; total: number; nextCursor?: string }>();

  it('lists the reports of the pipeline with their alert severity, newest first', async () => {
    const body = await list('limit=100');
    const firstRuns = body.reports.filter((report) => reports.some((stored) => stored.json.investigationId === report.investigationId));
    expect(firstRuns.length).toBe(reports.length);
    for (const report of firstRuns) expect(report.severity).toBe(alerts.find((alert) => investigationIdFor(alert.id) === report.investigationId)?.severity);
  });

  it('filters by verdict, severity and time', async () => {
    const malicious = await list('verdict=malicious&limit=100');
    expect(malicious.reports.length).toBeGreaterThan(0);
    expect(malicious.reports.every((report) => report.disposition === 'malicious')).toBe(true);
    const benign = await list('verdict=benign');
    expect(benign.reports.every((report) => report.disposition === 'benign')).toBe(true);
    const critical = await list('severity=critical');
    expect(critical.reports.map((report) => report.severity)).toEqual(critical.reports.map(() => 'critical'));
    expect(critical.total).toBeGreaterThan(0);
    expect((await list(`since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).total).toBe(0);
    expect((await list('since=2000-01-01T00:00:00Z')).total).toBe((await list('')).total);
  });

  it('pages with a cursor', async () => {
    const total = (await list('')).total;
    const seen: string[] = [];
    let query = 'limit=2';
    for (let page = 0; page < 20; page += 1) {
      const body = await list(query);
      seen.push(...body.reports.map((report) => report.investigationId));
      if (!body.nextCursor) break;
      query = `limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it.each([
    ['verdict=harmless', 'querystring.verdict'],
    ['severity=1', 'querystring.severity'],
    ['since=last-week', 'querystring.since'],
    ['cursor=eyJ4IjoxfQ', 'querystring.cursor'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await get(`/reports?${query}`);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message.startsWith(field)).toBe(true);
  });
});

describe('GET /reports/:id', () => {
  it('returns the JSON report with links to its alert and investigation', async () => {
    const stored = reports[0];
    if (!stored) throw new Error('no report');
    const id = stored.json.investigationId;
    const response = await get(`/reports/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({
      investigationId: id,
      createdAt: stored.createdAt,
      severity: stored.severity,
      report: stored.json,
      links: { alert: `/alerts/${stored.json.alertId}`, investigation: `/investigations/${id}` },
    });
  });

  it('returns the Markdown report for Accept: text/markdown, and 406 for a type it cannot give', async () => {
    const stored = reports[1];
    if (!stored) throw new Error('no report');
    const markdown = await get(`/reports/${stored.json.investigationId}`, { ...bearer, accept: 'text/markdown' });
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(markdown.body).toBe(stored.markdown);
    const refused = await get(`/reports/${stored.json.investigationId}`, { ...bearer, accept: 'image/png' });
    expect(refused.statusCode).toBe(406);
    expect(errorOf(refused).code).toBe('NOT_ACCEPTABLE');
  });

  it('answers 404 for an investigation without a report', async () => {
    const response = await get('/reports/inv-doesnotexist00');
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toEqual({ code: 'REPORT_NOT_FOUND', message: 'no report for investigation inv-doesnotexist00 (it may still be running)' });
  });
});

describe('analyst decisions', () => {
  it("stores a decision beside the agent's verdict, which stays as it was", async () => {
    const alert = alerts[0];
    if (!alert) throw new Error('no alert');
    const agent = reportOf(alert).json.disposition;
    const verdict = agent === 'benign' ? 'malicious' : 'benign';
    const first = await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, headers: bearer, payload: { verdict: 'suspicious', note: 'first look', who: 'dana' } });
    expect(first.statusCode).toBe(201);
    const second = await inject({
      method: 'POST',
      url: `/alerts/${alert.id}/decision`,
      headers: bearer,
      payload: { verdict, note: 'Change ticket CHG-1234 covers it.', who: 'dana', investigationId: investigationIdFor(alert.id) },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ alertId: alert.id, verdict, who: 'dana', investigationId: investigationIdFor(alert.id) });

    const detail = (await get(`/alerts/${alert.id}`)).json<{ decision: { verdict: string }; investigations: { verdict: string }[] }>();
    expect(detail.decision.verdict).toBe(verdict);
    expect(detail.investigations[0]?.verdict).toBe(agent);
    expect((await get(`/reports/${investigationIdFor(alert.id)}`)).json<{ report: { disposition: string } }>().report.disposition).toBe(agent);
    const history = (await get(`/alerts/${alert.id}/decisions`)).json<{ decisions: { verdict: string; note: string }[] }>();
    expect(history.decisions.map((decision) => decision.note)).toEqual(['Change ticket CHG-1234 covers it.', 'first look']);
  });

  it('answers 404 for an unknown alert and 400 naming the field of a bad decision', async () => {
    const missing = await inject({ method: 'POST', url: '/alerts/al-doesnotexist00/decision', headers: bearer, payload: { verdict: 'benign', note: 'n', who: 'w' } });
    expect(missing.statusCode).toBe(404);
    const alert = alerts[3];
    const other = alerts[2];
    if (!alert || !other) throw new Error('no alert');
    const cases: [unknown, string][] = [
      [{ verdict: 'fine', note: 'n', who: 'w' }, 'body.verdict'],
      [{ verdict: 'benign', note: '', who: 'w' }, 'body.note'],
      [{ verdict: 'benign', note: 'n' }, 'body.who'],
      [{ verdict: 'benign', note: 'n', who: 'w', agentVerdict: 'benign' }, 'body'],
      [{ verdict: 'benign', note: 'n', who: 'w', investigationId: investigationIdFor(other.id) }, 'body.investigationId'],
    ];
    for (const [payload, field] of cases) {
      const response = await inject({ method: 'POST', url: `/alerts/${alert.id}/decision`, headers: { ...bearer, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(response).message.startsWith(`${field}`), errorOf(response).message).toBe(true);
    }
    expect((await get(`/alerts/${alert.id}/decisions`)).json()).toEqual({ decisions: [] });
  });
});

describe('GET /metrics', () => {
  it('serves queue depths, step durations, verdicts and detection latency in Prometheus format', async () => {
    const response = await get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const lines = response.body.split('\n');
    for (const queue of ['detect', ...STEPS]) expect(lines.some((line) => line.startsWith(`soc_agent_queue_jobs{queue="${queue}",state="completed"}`)), queue).toBe(true);
    for (const step of STEPS) expect(lines.some((line) => line.startsWith(`soc_agent_recent_step_duration_seconds{step="${step}",quantile="0.5"}`)), step).toBe(true);
    const valueOf = (series: string): number => Number(lines.find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? Number.NaN);
    // Re-runs of earlier tests add to the first runs of the pipeline, never take from them.
    for (const verdict of ['malicious', 'benign'] as const) {
      const firstRuns = reports.filter((report) => report.json.disposition === verdict).length;
      expect(valueOf(`soc_agent_recent_investigations_by_verdict{verdict="${verdict}"}`), verdict).toBeGreaterThanOrEqual(firstRuns);
    }
    expect(valueOf('soc_agent_recent_sample_size{kind="alerts"}')).toBe(alerts.length);
    expect(lines).toContain('soc_agent_metrics_source_up{source="redis"} 1');
    expect(lines).toContain('soc_agent_metrics_source_up{source="elasticsearch"} 1');
    expect(lines.some((line) => line.startsWith('soc_agent_recent_detection_latency_seconds{quantile="0.99"}'))).toBe(true);
    expect(response.body).toContain('# HELP soc_agent_recent_investigations The newest 500 investigations by status.');
  });
});

describe('API documentation', () => {
  it('describes every API route, from the zod schemas, with bearer auth', async () => {
    const document = (await get('/docs/json')).json<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>>; security: unknown }>();
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/alerts', '/alerts/{id}', '/alerts/{id}/decision', '/alerts/{id}/decisions', '/alerts/{id}/investigations', '/healthz', '/investigations/{id}', '/metrics', '/readyz', '/reports', '/reports/{id}'].sort(),
    );
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/alerts']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['status', 'severity', 'rule', 'from', 'to', 'limit', 'cursor']));
    const ui = await get('/docs/', { ...bearer, accept: 'text/html' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
  });
});

describe('Bull Board', () => {
  it('shows the detection queue and the six step queues, read-only, with descriptions', async () => {
    const page = await get('/queues', { ...bearer, accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    const body = (await get('/queues/api/queues')).json<{ queues: { name: string; description: string; readOnlyMode: boolean }[] }>();
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(['detect', ...STEPS].sort());
    for (const queue of body.queues) {
      expect(queue.readOnlyMode, queue.name).toBe(true);
      expect(queue.description.length, queue.name).toBeGreaterThan(10);
    }
  });

  it('refuses to pause a queue in read-only mode', async () => {
    const response = await inject({ method: 'PUT', url: '/queues/api/queues/classify/pause', headers: bearer });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect(await api.queues.steps.classify.isPaused()).toBe(false);
  });

  it('offers the buttons when read-only mode is switched off', async () => {
    const writable = await buildTestApi(iso, { config: { ...iso.config, api: { ...iso.config.api, bullBoardReadOnly: false } } });
    try {
      const body = (await writable.app.inject({ url: '/queues/api/queues', headers: bearer })).json<{ queues: { readOnlyMode: boolean }[] }>();
      expect(body.queues.every((queue) => !queue.readOnlyMode)).toBe(true);
    } finally {
      await writable.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 past the configured rate, but never to the health probes', async () => {
    const limited = await buildTestApi(iso, { config: { ...iso.config, api: { ...iso.config.api, rateLimitPerMinute: 3 } } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await limited.app.inject({ url: '/reports', headers: bearer })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.app.inject({ url: '/alerts', headers: bearer });
      expect(errorOf(refused).code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
      for (let index = 0; index < 5; index += 1) expect((await limited.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
