import type { Evidence } from '../domain/evidence.js';
import type { Investigation } from '../domain/investigation.js';
import { ReportSchema, type Report, type ReportBody, type ReportShape, type TimelineEntry } from '../domain/report.js';
import type { EscalationTier, Verdict } from '../domain/verdict.js';
import { readPath } from './fact-path.js';
import { codeSpan, escapeText, flatten } from './markdown-escape.js';

/** A benign verdict at least this confident is dismissed in two lines; below it, a person reviews. */
export const DISMISS_AT_CONFIDENCE = 0.8;
const TIMELINE_MAX = 25;
const EVIDENCE_IDS_SHOWN = 8;

const TIER_NAMES: Record<EscalationTier, string> = { none: 'no escalation', tier1: 'Tier 1', tier2: 'Tier 2', incident_response: 'Incident response' };

/** When the pipeline stopped before assess, the report still goes to a person, never to "benign". */
function verdictOf(investigation: Investigation): Verdict {
  return (
    investigation.assessment?.verdict ?? {
      disposition: 'suspicious',
      confidence: 0.5,
      rationale: 'The investigation ended without a verdict; it needs human review.',
      recommendedAction: 'Review the alert manually.',
      responseActions: [],
      escalationTier: 'tier1',
      escalationReason: 'No verdict was reached.',
      citedEventIds: investigation.alert.sampleEventIds.slice(0, 5),
      ungroundedClaims: 0,
    }
  );
}

export function reportShape(verdict: Verdict): ReportShape {
  if (verdict.disposition === 'malicious') return 'incident';
  if (verdict.disposition === 'benign' && verdict.confidence >= DISMISS_AT_CONFIDENCE) return 'dismissal';
  return 'review';
}

const text = (row: unknown, path: string): string | undefined => {
  const value = readPath(row, path);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** Sample rows (`events[]`, and the alert's own `sampleEvents[]`) of every Evidence, oldest first, one per event id. */
function timelineOf(evidence: readonly Evidence[]): TimelineEntry[] {
  const seen = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const item of evidence) {
    const rows = [readPath(item.data, 'events'), readPath(item.data, 'sampleEvents')].flatMap((list): unknown[] => (Array.isArray(list) ? list : []));
    for (const row of rows) {
      const eventId = text(row, 'id');
      const at = text(row, 'timestamp');
      if (!eventId || !at || seen.has(eventId)) continue;
      seen.add(eventId);
      const host = text(row, 'host');
      const user = text(row, 'user');
      entries.push({ at, eventId, action: text(row, 'action') ?? 'event', ...(host ? { host } : {}), ...(user ? { user } : {}), summary: text(row, 'summary') ?? '' });
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId)).slice(0, TIMELINE_MAX);
}

function openQuestionsOf(investigation: Investigation): string[] {
  return [
    ...(investigation.summary?.openQuestions ?? []),
    ...(investigation.assessment?.unknownSignals ?? []).map((signal) => `Could not establish: ${signal.description}.`),
    ...investigation.errors.map((error) => `Step ${error.step} failed (${error.code}); its evidence is missing.`),
  ];
}

/** The report's JSON: everything the Markdown shows, unescaped, for the API and the store. */
export function buildReportBody(investigation: Investigation): ReportBody {
  const verdict = verdictOf(investigation);
  const alert = investigation.alert;
  const shape = reportShape(verdict);
  return {
    investigationId: investigation.id,
    alertId: alert.id,
    shape,
    disposition: verdict.disposition,
    confidence: verdict.confidence,
    escalationTier: verdict.escalationTier,
    escalationReason: verdict.escalationReason,
    headline: investigation.summary?.headline ?? `${verdict.disposition}: ${alert.rule.title}`,
    rationale: verdict.rationale,
    rule: { id: alert.rule.id, title: alert.rule.title, ...(alert.rule.author ? { author: alert.rule.author } : {}), ...(alert.rule.license ? { license: alert.rule.license } : {}) },
    techniques: alert.rule.techniques,
    tactics: alert.rule.tactics,
    entities: alert.entities,
    firstSeen: alert.firstSeen,
    lastSeen: alert.lastSeen,
    ...(investigation.runbook ? { runbook: investigation.runbook } : {}),
    signals: (investigation.assessment?.signals ?? []).map(({ id, description, weight }) => ({ id, description, weight })),
    openQuestions: openQuestionsOf(investigation),
    recommendedAction: verdict.recommendedAction,
    responseActions: verdict.responseActions,
    timeline: timelineOf(investigation.evidence),
    evidence: investigation.evidence.map((item) => ({ id: item.id, tool: item.tool, summary: item.summary, eventIds: item.eventIds })),
    citedEventIds: verdict.citedEventIds,
    ungroundedClaims: verdict.ungroundedClaims,
    degraded: investigation.degraded,
    ...(investigation.degraded ? { degradedReasons: degradedReasonsOf(investigation) } : {}),
  };
}

/** The error code a step records when the configured analyst could not do it and the offline analyst did. */
export const ANALYST_FALLBACK = 'ANALYST_FALLBACK';

/** Why a verdict rests on less than the runbook asked for, in the reader's words. */
export function degradedReasonsOf(investigation: Investigation): string[] {
  const reasons: string[] = [];
  const fallbackSteps = [...new Set(investigation.errors.filter((error) => error.code === ANALYST_FALLBACK).map((error) => error.step))];
  if (fallbackSteps.length > 0) reasons.push(`The model was unavailable for ${fallbackSteps.join(', ')}; the offline analyst did ${fallbackSteps.length === 1 ? 'that step' : 'those steps'}.`);
  const failedTools = investigation.failedToolSteps?.length ?? 0;
  if (failedTools > 0) reasons.push(`${failedTools} of the runbook's tool calls failed; the verdict rests on the evidence that was collected.`);
  const ungrounded = investigation.assessment?.verdict.ungroundedClaims ?? 0;
  if (ungrounded > 0) reasons.push(`${ungrounded} cited event id(s) were dropped because no tool returned them.`);
  return reasons.length > 0 ? reasons : ['Some evidence could not be collected; the verdict rests on what was.'];
}

const degradedLines = (body: ReportBody): string[] => (body.degraded ? ['', ...(body.degradedReasons ?? ['Some evidence could not be collected; the verdict rests on what was.']).map((reason) => `_${escapeText(reason, 300)}_`)] : []);

const ids = (list: readonly string[], table = false): string => (list.length === 0 ? '—' : list.map((id) => codeSpan(id, { table, max: 128 })).join(', '));
const signed = (weight: number): string => `${weight > 0 ? '+' : ''}${weight.toFixed(1)}`;
const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function verdictLine(body: ReportBody): string {
  const tier = body.escalationTier === 'none' ? 'no escalation' : `escalate to **${TIER_NAMES[body.escalationTier]}**`;
  return `**${capitalised(body.disposition)}** (confidence ${body.confidence.toFixed(2)}) · ${tier}: ${escapeText(body.escalationReason, 500)}`;
}

function evidenceTable(body: ReportBody): string[] {
  if (body.evidence.length === 0) return ['No evidence was collected.'];
  return [
    '| Evidence | Tool | What it showed | Event ids |',
    '| --- | --- | --- | --- |',
    ...body.evidence.map(
      (item) => `| ${codeSpan(item.id, { table: true })} | ${item.tool} | ${codeSpan(item.summary, { table: true })} | ${ids(item.eventIds.slice(0, EVIDENCE_IDS_SHOWN), true)}${item.eventIds.length > EVIDENCE_IDS_SHOWN ? ` (+${item.eventIds.length - EVIDENCE_IDS_SHOWN})` : ''} |`,
    ),
  ];
}

function signalLines(body: ReportBody): string[] {
  if (body.signals.length === 0) return ['No runbook signal fired.'];
  return [...body.signals].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).map((signal) => `- ${signed(signal.weight)} ${escapeText(signal.description, 300)}`);
}

function dismissal(body: ReportBody): string {
  const why = body.signals
    .filter((signal) => signal.weight < 0)
    .sort((a, b) => a.weight - b.weight)
    .slice(0, 3)
    .map((signal) => escapeText(signal.description, 200));
  return [
    `**Benign** (confidence ${body.confidence.toFixed(2)}): ${codeSpan(body.rule.title)} on ${codeSpan(body.firstSeen)}; closed, no action.`,
    `Why: ${why.length > 0 ? why.join('; ') : escapeText(body.rationale.split('\n')[0] ?? '', 300)}. Evidence: ${ids(body.citedEventIds.slice(0, 5))}.`,
    ...(body.degraded ? [(body.degradedReasons ?? []).map((reason) => `_${escapeText(reason, 300)}_`).join(' ')] : []),
  ].join('  \n');
}

function review(body: ReportBody, narrative: string | undefined): string {
  return [
    `## Needs review: ${codeSpan(body.rule.title)}`,
    '',
    verdictLine(body),
    '',
    ...(narrative ? [escapeText(narrative, 4_000), ''] : []),
    '### What the evidence shows',
    ...signalLines(body),
    '',
    '### Open questions',
    ...(body.openQuestions.length > 0 ? body.openQuestions.map((question) => `- ${escapeText(question, 300)}`) : ['- None recorded; confirm the activity with the account or host owner.']),
    '',
    '### Evidence',
    ...evidenceTable(body),
    '',
    `**Recommended action:** ${escapeText(body.recommendedAction, 500)}`,
    `Cited events: ${ids(body.citedEventIds)}${body.ungroundedClaims > 0 ? ` (${body.ungroundedClaims} citation(s) dropped: no tool returned them)` : ''}`,
    ...degradedLines(body),
  ].join('\n');
}

function entityLines(body: ReportBody): string[] {
  const kinds: [string, readonly string[]][] = [
    ['Users', body.entities.users],
    ['Hosts', body.entities.hosts],
    ['Source addresses', body.entities.sourceIps],
    ['Destination addresses', body.entities.destinationIps],
    ['Cloud principals', body.entities.cloudPrincipals],
  ];
  const lines = kinds.filter(([, values]) => values.length > 0).map(([label, values]) => `- ${label}: ${values.map((value) => codeSpan(value, { max: 120 })).join(', ')}`);
  return lines.length > 0 ? lines : ['- None named by the alert.'];
}

function incident(body: ReportBody, narrative: string | undefined): string {
  const credit = [
    `Detected by ${codeSpan(body.rule.title)} (${codeSpan(body.rule.id)})`,
    body.rule.author ? `, author ${codeSpan(body.rule.author)}` : '',
    body.rule.license ? `, licence ${codeSpan(body.rule.license)}` : '',
    '.',
  ].join('');
  return [
    `# Incident: ${codeSpan(body.rule.title)}`,
    '',
    verdictLine(body),
    '',
    '## Summary',
    narrative ? escapeText(narrative, 4_000) : body.rationale.split('\n').slice(0, 1).map((line) => escapeText(line, 500)).join(''),
    '',
    '## Timeline',
    ...(body.timeline.length > 0
      ? [
          '| Time (UTC) | Event id | Action | Host | User | Detail |',
          '| --- | --- | --- | --- | --- | --- |',
          ...body.timeline.map(
            (entry) =>
              `| ${codeSpan(entry.at, { table: true })} | ${codeSpan(entry.eventId, { table: true })} | ${codeSpan(entry.action, { table: true })} | ${codeSpan(entry.host ?? '', { table: true })} | ${codeSpan(entry.user ?? '', { table: true })} | ${codeSpan(entry.summary, { table: true, max: 160 })} |`,
          ),
        ]
      : [`From ${codeSpan(body.firstSeen)} to ${codeSpan(body.lastSeen)}; no sample events were returned.`]),
    '',
    '## Evidence',
    ...evidenceTable(body),
    '',
    '## Signals',
    ...signalLines(body),
    '',
    '## Entities',
    ...entityLines(body),
    '',
    '## ATT&CK',
    `- Tactics: ${body.tactics.length > 0 ? body.tactics.map((tactic) => codeSpan(tactic)).join(', ') : '—'}`,
    `- Techniques: ${body.techniques.length > 0 ? body.techniques.map((technique) => codeSpan(technique)).join(', ') : '—'}`,
    '',
    '## Recommended actions',
    `- ${escapeText(body.recommendedAction, 500)}`,
    ...(body.responseActions.length > 0 ? [`- Allowed responses: ${body.responseActions.map((action) => codeSpan(action)).join(', ')}`] : []),
    '',
    '## Citations',
    `Cited events: ${ids(body.citedEventIds)}${body.ungroundedClaims > 0 ? ` (${body.ungroundedClaims} citation(s) dropped: no tool returned them)` : ''}`,
    ...degradedLines(body),
    '',
    '## Rule',
    credit,
  ].join('\n');
}

/**
 * The adaptive report: a two-line dismissal for a confident benign verdict, a review (open questions, named
 * escalation tier) when unsure, the full incident report when malicious. Pure. Every string from logs, tools or a
 * model is escaped or put in a code span.
 */
export function renderReport(investigation: Investigation): Report {
  const body = buildReportBody(investigation);
  const narrative = investigation.summary?.narrative ? flatten(investigation.summary.narrative, 4_000) : undefined;
  const markdown = body.shape === 'dismissal' ? dismissal(body) : body.shape === 'review' ? review(body, narrative) : incident(body, narrative);
  return ReportSchema.parse({ json: body, markdown: `${markdown}\n` });
}
