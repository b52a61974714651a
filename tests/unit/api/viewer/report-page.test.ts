import { describe, expect, it } from 'vitest';
import { renderReportListPage } from '../../../../src/api/viewer/report-list-page.js';
import { renderReportPage } from '../../../../src/api/viewer/report-page.js';
import type { Decision } from '../../../../src/domain/decision.js';
import { IMG, SCRIPT, hostileReport } from '../../../support/hostile-report.js';

const hostileDecision: Decision = { id: 'dec-00000000-0000-4000-8000-000000000000', alertId: 'al-hostile0001', verdict: 'benign', who: IMG, note: SCRIPT, at: '2026-11-18T11:00:00.000Z' };

/**
 * The tags and attributes that would run or load something. Escaped text holds no `<`, so every `<` starts a
 * real tag; attribute values are double-quoted and hold no `"`.
 */
function injectedMarkup(page: string): string[] {
  const found: string[] = [];
  for (const tag of page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    if (['script', 'img', 'iframe', 'object', 'embed', 'svg', 'base'].includes(name)) found.push(`<${name}>`);
    for (const attribute of (tag[2] ?? '').matchAll(/\s+([^\s=>]+)/g)) {
      const attributeName = (attribute[1] ?? '').toLowerCase();
      if (attributeName.startsWith('on') || attributeName === 'autofocus' || attributeName === 'srcdoc') found.push(`${name}[${attributeName}]`);
    }
  }
  // Every `<` must have started one of the tags above, or a comment/doctype.
  const tags = page.match(/<[!/a-zA-Z]/g)?.length ?? 0;
  const opens = page.split('<').length - 1;
  if (tags !== opens) found.push('a stray <');
  return found;
}

describe('the report viewer pages', () => {
  it('render every field of a hostile report as text', () => {
    const page = renderReportPage({ report: hostileReport(), decisions: [hostileDecision, hostileDecision], csrfToken: 'token', saved: false });
    expect(injectedMarkup(page)).toEqual([]);
    expect(page).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt; headline');
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned = true&quot;&gt;');
  });

  it('render a hostile headline and rule in the list as text', () => {
    const report = hostileReport();
    const page = renderReportListPage({
      reports: [{ ...report.json, createdAt: report.createdAt, rule: report.json.rule }],
      total: 1,
      filters: {},
      nextQuery: 'cursor=abc&verdict=malicious',
      csrfToken: 'token',
    });
    expect(injectedMarkup(page)).toEqual([]);
    expect(page).toContain('href="/ui/reports?cursor=abc&amp;verdict=malicious"');
  });

  it("shows the agent's verdict beside the newest analyst decision, with a form carrying the CSRF token", () => {
    const report = hostileReport();
    const page = renderReportPage({ report, decisions: [{ ...hostileDecision, who: 'dana', note: 'known admin' }], csrfToken: 'csrf-123', saved: true });
    expect(page).toMatch(/id="agent-verdict"><span class="badge verdict-malicious">malicious<\/span>/);
    expect(page).toMatch(/id="analyst-verdict"><span class="badge verdict-benign">benign<\/span> by <strong>dana<\/strong>/);
    expect(page).toContain('<input type="hidden" name="_csrf" value="csrf-123">');
    expect(page).toContain('action="/ui/reports/inv-hostile0001/decision"');
    expect(page).toContain('Decision recorded.');
  });
});
