import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/domain/alert.js';
import { STEPS } from '../../../src/domain/step.js';
import { DETECT_QUEUE } from '../../../src/producer/producer.js';
import { saveReportOnce, type StoredReport } from '../../../src/store/report-store.js';
import { API_TOKEN, bearer, buildTestApi, type TestApi } from '../../support/api-app.js';
import { launchChromium, screenshotPath, type Browser } from '../../support/browser.js';
import { SCRIPT, hostileReport } from '../../support/hostile-report.js';
import { isolate } from '../../support/isolation.js';
import { buildPipelineReports } from '../../support/pipeline-reports.js';

/**
 * The report viewer and Bull Board in a real browser (Debian's headless Chromium), on reports the pipeline
 * wrote: log in, filter the list, open a report, record a decision and see it beside the agent's verdict, open
 * a report whose fields carry script, and look at the queues. Screenshots go to tests/artifacts/viewer/.
 */
const iso = isolate({ ANALYST: 'offline', API_RATE_LIMIT: '100000' });
const HOSTILE_ID = 'inv-hostile0001';
let api: TestApi;
let browser: Browser;
let page: Page;
let base: string;
let alerts: Alert[];
let reports: StoredReport[];
const dialogs: string[] = [];

beforeAll(async () => {
  ({ alerts, reports } = await buildPipelineReports(iso));
  const hostile = hostileReport({ investigationId: HOSTILE_ID, alertId: 'al-hostile0001' });
  await saveReportOnce(iso.es, iso.config.prefix, HOSTILE_ID, { json: hostile.json, markdown: hostile.markdown }, new Date('2026-11-18T00:00:00Z'), 'high');
  await iso.es.indices.refresh({ index: `${iso.config.prefix}-reports` });
  api = await buildTestApi(iso);
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await iso.cleanup();
});

const shoot = (name: string) => page.screenshot({ path: screenshotPath('viewer', name), fullPage: true });

describe('the report viewer in Chromium', () => {
  it('asks for a token, then lists the reports with verdict and severity badges', async () => {
    await page.goto(`${base}/ui/reports`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shoot('1-login');
    await page.fill('input[name="token"]', 'not-the-token-0123456789');
    await page.click('button[type="submit"]');
    await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('not valid');

    await page.fill('input[name="token"]', API_TOKEN);
    await Promise.all([page.waitForURL(`${base}/ui/reports`), page.click('button[type="submit"]')]);
    const rows = page.locator('#reports tbody tr');
    expect(await rows.count()).toBe(reports.length + 1);
    expect(await page.locator('#reports .badge.verdict-malicious').count()).toBe(reports.filter((report) => report.json.disposition === 'malicious').length + 1);
    expect(await page.locator('#reports .badge.severity-critical').count()).toBe(alerts.filter((alert) => alert.severity === 'critical').length);
    await shoot('2-report-list');
  });

  it('filters the list by verdict', async () => {
    await page.selectOption('select[name="verdict"]', 'benign');
    await Promise.all([page.waitForURL(/verdict=benign/), page.click('form.filters button')]);
    const verdicts = await page.locator('#reports tbody .badge[class*="verdict-"]').allTextContents();
    expect(verdicts.length).toBe(reports.filter((report) => report.json.disposition === 'benign').length);
    expect(new Set(verdicts)).toEqual(new Set(['benign']));
    await shoot('3-filtered-benign');
  });

  it('opens a report and records a decision that shows beside the agent verdict', async () => {
    const target = reports.find((report) => report.json.disposition === 'malicious' && report.json.timeline.length > 0);
    if (!target) throw new Error('no malicious report with a timeline');
    await page.goto(`${base}/ui/reports?verdict=malicious`);
    await Promise.all([page.waitForURL(`${base}/ui/reports/${target.json.investigationId}`), page.click(`a[href="/ui/reports/${target.json.investigationId}"]`)]);
    expect(await page.locator('#headline').textContent()).toBe(target.json.headline);
    expect(await page.locator('#agent-verdict .badge').textContent()).toBe('malicious');
    expect(await page.locator('#analyst-verdict').textContent()).toContain('No decision recorded yet.');
    expect(await page.locator('#timeline tbody tr').count()).toBe(target.json.timeline.length);
    const eventIds = await page.locator('#timeline tbody td:last-child code').allTextContents();
    expect(eventIds).toEqual(target.json.timeline.map((entry) => entry.eventId));
    expect(await page.locator('#evidence tbody tr').count()).toBe(target.json.evidence.length);
    await shoot('4-report');

    await page.selectOption('#decision select[name="verdict"]', 'benign');
    await page.fill('#decision input[name="who"]', 'Dana Analyst');
    await page.fill('#decision textarea[name="note"]', 'Approved red-team exercise RT-2026-11; see ticket SEC-311.');
    await Promise.all([page.waitForURL(/saved=1/), page.click('#decision button[type="submit"]')]);
    expect(await page.locator('#decision [role="status"]').textContent()).toBe('Decision recorded.');
    expect(await page.locator('#analyst-verdict .badge').textContent()).toBe('benign');
    expect(await page.locator('#analyst-verdict').textContent()).toContain('Dana Analyst');
    expect(await page.locator('#analyst-note').textContent()).toBe('Approved red-team exercise RT-2026-11; see ticket SEC-311.');
    expect(await page.locator('#agent-verdict .badge').textContent()).toBe('malicious');
    await shoot('5-decision-recorded');

    const stored = await api.app.inject({ url: `/alerts/${target.json.alertId}`, headers: bearer });
    expect(stored.json<{ decision: { verdict: string; who: string; investigationId: string } }>().decision).toMatchObject({ verdict: 'benign', who: 'Dana Analyst', investigationId: target.json.investigationId });
  });

  it('shows a report whose fields carry script and markup as inert text', async () => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${base}/ui/reports/${HOSTILE_ID}`);
    expect(await page.locator('#headline').textContent()).toBe(`${SCRIPT} headline`);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('main script, main img, main [onerror], main [onfocus]').count()).toBe(0);
    expect(await page.locator('#timeline tbody td').first().textContent()).toBe('2026-11-18 09:00:00.000');
    await shoot('6-hostile-report');
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
  });
});

describe('Bull Board in Chromium', () => {
  it('shows the detection queue and the six step queues to a logged-in browser', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${base}/queues`);
    for (const name of [DETECT_QUEUE, ...STEPS]) await page.getByText(name, { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('Loading', { exact: false }).first().waitFor({ state: 'hidden', timeout: 30_000 });
    await shoot('7-bull-board');
    // Bull Board asks Google for its fonts; the policy keeps the page to this origin, so that one request is refused.
    expect(errors.filter((error) => !error.includes('https://fonts.googleapis.com/'))).toEqual([]);
    const anonymous = await browser.context.browser()?.newContext();
    if (anonymous) {
      const other = await anonymous.newPage();
      await other.goto(`${base}/queues`);
      expect(new URL(other.url()).pathname).toBe('/login');
      await anonymous.close();
    }
  });
});
