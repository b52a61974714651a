import type { Decision } from '../../domain/decision.js';
import { DispositionSchema } from '../../domain/verdict.js';
import type { StoredReport } from '../../store/report-store.js';
import { html, pathSegment } from './html.js';
import { badge, percent, renderPage } from './layout.js';

export interface ReportView {
  report: StoredReport;
  /** The analyst decisions on the report's alert, newest first. */
  decisions: readonly Decision[];
  csrfToken: string;
  /** Set right after a decision was recorded, to confirm it. */
  saved: boolean;
}

const list = (items: readonly string[]) => (items.length > 0 ? items.map((item, index) => html`${index > 0 ? ', ' : ''}<code>${item}</code>`) : html`<span class="muted">none</span>`);

function decisionPanel(view: ReportView) {
  const json = view.report.json;
  const latest = view.decisions[0];
  const current = latest
    ? html`<p id="analyst-verdict">${badge('verdict', latest.verdict)} by <strong>${latest.who}</strong> <span class="muted">${latest.at.replace('T', ' ').slice(0, 19)} UTC</span></p>
<pre class="text" id="analyst-note">${latest.note}</pre>`
    : html`<p id="analyst-verdict" class="muted">No decision recorded yet.</p>`;
  return html`<section class="panel" id="decision">
  <h2>Analyst's decision</h2>
  ${view.saved ? html`<p class="notice" role="status">Decision recorded.</p>` : ''}
  ${current}
  <form method="post" action="/ui/reports/${pathSegment(json.investigationId)}/decision">
    <input type="hidden" name="_csrf" value="${view.csrfToken}">
    <label>Verdict <select name="verdict" required>${DispositionSchema.options.map((value) => html`<option value="${value}"${value === (latest?.verdict ?? json.disposition) ? html` selected` : ''}>${value}</option>`)}</select></label>
    <label>Who <input name="who" required maxlength="100" autocomplete="name"></label>
    <label>Note <textarea name="note" required maxlength="2000"></textarea></label>
    <button class="primary" type="submit">Record decision</button>
  </form>
</section>`;
}

/**
 * One report: the agent's verdict beside the analyst's decision (with the form to record one), the timeline and
 * the evidence with their event ids. Everything shown is rendered from the report's JSON and escaped; the
 * Markdown is never turned into HTML.
 */
export function renderReportPage(view: ReportView): string {
  const { json } = view.report;
  const timeline = json.timeline.map(
    (entry) => html`<tr><td>${entry.at.replace('T', ' ').slice(0, 23)}</td><td>${entry.action}</td><td>${entry.host ?? ''}</td><td>${entry.user ?? ''}</td><td>${entry.summary}</td><td><code>${entry.eventId}</code></td></tr>`,
  );
  const evidence = json.evidence.map((item) => html`<tr><td><code>${item.id}</code></td><td>${item.tool}</td><td>${item.summary}</td><td>${list(item.eventIds)}</td></tr>`);
  const earlier = view.decisions.slice(1);
  const entities = Object.entries(json.entities).filter(([, values]) => values.length > 0);
  return renderPage(
    json.headline,
    html`<p class="muted"><a href="/ui/reports">← Reports</a></p>
<h1 id="headline">${json.headline}</h1>
<div class="badges">${view.report.severity ? badge('severity', view.report.severity) : ''}${badge('verdict', json.disposition)}${badge('plain', json.shape)}${json.degraded ? badge('plain', 'degraded') : ''}</div>
<p class="muted">Alert <code>${json.alertId}</code> · investigation <code>${json.investigationId}</code> · rule ${json.rule.title}${json.rule.author ? html` by ${json.rule.author}` : ''}${json.rule.license ? html` (${json.rule.license})` : ''} · first seen ${json.firstSeen} · last seen ${json.lastSeen}</p>
<div class="verdicts">
<section class="panel" id="agent">
  <h2>Agent's verdict</h2>
  <p id="agent-verdict">${badge('verdict', json.disposition)} confidence ${percent(json.confidence)} · escalate to <strong>${json.escalationTier}</strong></p>
  <pre class="text">${json.rationale}</pre>
  <p><strong>Recommended:</strong> ${json.recommendedAction}</p>
  ${json.escalationReason ? html`<p class="muted">${json.escalationReason}</p>` : ''}
  ${json.responseActions.length > 0 ? html`<p>Response actions: ${list(json.responseActions)}</p>` : ''}
</section>
${decisionPanel(view)}
</div>
<h2>Timeline</h2>
<table id="timeline"><thead><tr><th>At (UTC)</th><th>Action</th><th>Host</th><th>User</th><th>What the log says</th><th>Event id</th></tr></thead>
<tbody>${timeline.length > 0 ? timeline : html`<tr><td colspan="6" class="muted">No timeline in this report.</td></tr>`}</tbody></table>
<h2>Evidence</h2>
<table id="evidence"><thead><tr><th>Evidence</th><th>Tool</th><th>What it showed</th><th>Event ids</th></tr></thead>
<tbody>${evidence.length > 0 ? evidence : html`<tr><td colspan="4" class="muted">No evidence.</td></tr>`}</tbody></table>
${json.signals.length > 0 ? html`<h2>Signals</h2><ul>${json.signals.map((signal) => html`<li>${signal.weight >= 0 ? '+' : ''}${signal.weight} ${signal.description}</li>`)}</ul>` : ''}
${json.openQuestions.length > 0 ? html`<h2>Open questions</h2><ul>${json.openQuestions.map((question) => html`<li>${question}</li>`)}</ul>` : ''}
<h2>Entities and techniques</h2>
<ul>${entities.map(([kind, values]) => html`<li>${kind}: ${list(values)}</li>`)}<li>techniques: ${list(json.techniques)}</li><li>cited events: ${list(json.citedEventIds)}</li></ul>
${earlier.length > 0 ? html`<h2>Earlier decisions</h2><table id="decisions"><thead><tr><th>At (UTC)</th><th>Verdict</th><th>Who</th><th>Note</th></tr></thead><tbody>${earlier.map((decision) => html`<tr><td>${decision.at.replace('T', ' ').slice(0, 19)}</td><td>${badge('verdict', decision.verdict)}</td><td>${decision.who}</td><td><pre class="text">${decision.note}</pre></td></tr>`)}</tbody></table>` : ''}`,
    view.csrfToken,
  );
}
