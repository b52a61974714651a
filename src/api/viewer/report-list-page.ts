import { z } from 'zod';
import { SeveritySchema } from '../../domain/alert.js';
import { DispositionSchema } from '../../domain/verdict.js';
import type { ReportSummary } from '../../store/report-store.js';
import { html, pathSegment } from './html.js';
import { badge, percent, renderPage } from './layout.js';

/** The viewer's "since" choices; the route turns them into a time. */
export const SinceChoiceSchema = z.enum(['1h', '24h', '7d', '30d']);
export type SinceChoice = z.infer<typeof SinceChoiceSchema>;
export const SINCE_HOURS: Record<SinceChoice, number> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720 };

export interface ReportListView {
  reports: readonly ReportSummary[];
  total: number;
  filters: { verdict?: string; severity?: string; since?: SinceChoice };
  /** The query string of the next page, when there is one. */
  nextQuery?: string;
  csrfToken: string;
}

function options(values: readonly string[], selected: string | undefined, anyLabel: string) {
  return html`<option value="">${anyLabel}</option>${values.map((value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${value}</option>`)}`;
}

/** Reports newest first, with verdict and severity badges and filters. */
export function renderReportListPage(view: ReportListView): string {
  const rows = view.reports.map(
    (report) => html`<tr>
  <td>${report.createdAt.replace('T', ' ').slice(0, 19)}</td>
  <td>${report.severity ? badge('severity', report.severity) : html`<span class="muted">–</span>`}</td>
  <td>${badge('verdict', report.disposition)} <span class="muted">${percent(report.confidence)}</span></td>
  <td><a href="/ui/reports/${pathSegment(report.investigationId)}">${report.headline}</a></td>
  <td>${report.rule.title}</td>
  <td>${report.escalationTier}</td>
</tr>`,
  );
  const sinceLabels: Record<SinceChoice, string> = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' };
  return renderPage(
    'Reports',
    html`<h1>Reports</h1>
<form class="filters" method="get" action="/ui/reports">
  <label>Verdict <select name="verdict">${options(DispositionSchema.options, view.filters.verdict, 'any')}</select></label>
  <label>Severity <select name="severity">${options(SeveritySchema.options, view.filters.severity, 'any')}</select></label>
  <label>Since <select name="since"><option value="">any time</option>${Object.entries(sinceLabels).map(
    ([value, label]) => html`<option value="${value}"${value === view.filters.since ? html` selected` : ''}>${label}</option>`,
  )}</select></label>
  <button class="primary" type="submit">Filter</button>
</form>
<p class="muted">${view.total} report${view.total === 1 ? '' : 's'}</p>
<table id="reports">
<thead><tr><th>Written (UTC)</th><th>Severity</th><th>Agent's verdict</th><th>Headline</th><th>Rule</th><th>Escalation</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted">No report matches.</td></tr>`}</tbody>
</table>
${view.nextQuery ? html`<p class="pager"><a href="/ui/reports?${view.nextQuery}">Next page →</a></p>` : ''}`,
    view.csrfToken,
  );
}
