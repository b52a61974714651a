import type { Severity } from '../domain/alert.js';
import type { ReportBody } from '../domain/report.js';
import type { Disposition, EscalationTier } from '../domain/verdict.js';
import { fitEmbed, type Embed, type EmbedField } from './discord-message.js';
import { discordCode, discordPlainText, discordText } from './discord-text.js';

export const DISPOSITION_LABELS: Record<Disposition, string> = { malicious: 'Malicious', suspicious: 'Suspicious', benign: 'Benign' };
export const DISPOSITION_COLOURS: Record<Disposition, number> = { malicious: 0xc0392b, suspicious: 0xe67e22, benign: 0x27ae60 };
export const ESCALATION_LABELS: Record<EscalationTier, string> = { none: 'None', tier1: 'Tier 1', tier2: 'Tier 2', incident_response: 'Incident response' };

/** Signals and cited events shown; the report behind the link has them all. */
const TOP_SIGNALS = 3;
const KEY_EVIDENCE = 10;
const ENTITIES_PER_KIND = 3;

export interface ReportEmbedContext {
  /** The report in the viewer. */
  link: string;
  severity?: Severity;
  /** When the report was written (ISO). */
  createdAt?: string;
}

/** `87%` */
export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function topSignals(report: ReportBody): string | undefined {
  const signals = [...report.signals].sort((a, b) => b.weight - a.weight).slice(0, TOP_SIGNALS);
  if (signals.length === 0) return undefined;
  return signals.map((signal) => `• ${discordText(signal.description, 300)}`).join('\n');
}

function keyEvidence(report: ReportBody): string | undefined {
  const ids = report.citedEventIds;
  if (ids.length === 0) return undefined;
  const shown = ids.slice(0, KEY_EVIDENCE).map((id) => discordCode(id, 90));
  return ids.length > KEY_EVIDENCE ? `${shown.join(' ')} and ${ids.length - KEY_EVIDENCE} more` : shown.join(' ');
}

function entities(report: ReportBody): string | undefined {
  const kinds: [string, string[]][] = [
    ['users', report.entities.users],
    ['hosts', report.entities.hosts],
    ['source addresses', report.entities.sourceIps],
    ['destination addresses', report.entities.destinationIps],
    ['cloud principals', report.entities.cloudPrincipals],
  ];
  const lines = kinds
    .filter(([, values]) => values.length > 0)
    .map(([kind, values]) => {
      const shown = values.slice(0, ENTITIES_PER_KIND).map((value) => discordCode(value, 60));
      return `${kind}: ${shown.join(', ')}${values.length > ENTITIES_PER_KIND ? ` and ${values.length - ENTITIES_PER_KIND} more` : ''}`;
    });
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/**
 * A report as a Discord embed: verdict, confidence, escalation, headline and rationale, the strongest signals, the
 * cited event ids and a link to the full report. Every value that came from logs or the model is escaped; the
 * fields that matter most come first, since fitting the embed into Discord's limits drops fields from the end.
 */
export function renderReportEmbed(report: ReportBody, context: ReportEmbedContext): Embed {
  const optional = (name: string, value: string | undefined): EmbedField[] => (value === undefined ? [] : [{ name, value }]);
  const fields: EmbedField[] = [
    { name: 'Verdict', value: DISPOSITION_LABELS[report.disposition], inline: true },
    { name: 'Confidence', value: percent(report.confidence), inline: true },
    { name: 'Escalation', value: ESCALATION_LABELS[report.escalationTier], inline: true },
    ...(context.severity ? [{ name: 'Severity', value: context.severity, inline: true }] : []),
    { name: 'Alert', value: discordCode(report.alertId), inline: true },
    { name: 'Report', value: context.link },
    ...(report.degraded
      ? [{ name: 'Degraded', value: discordText(`Yes: ${(report.degradedReasons ?? ['some evidence could not be collected']).join('; ')}`, 600) }]
      : []),
    ...optional('Top signals', topSignals(report)),
    ...optional('Key evidence (event ids)', keyEvidence(report)),
    ...optional('Entities', entities(report)),
  ];
  const rule = report.rule;
  const credit = `Rule ${rule.title}${rule.author ? ` by ${rule.author}` : ''}${rule.license ? ` (${rule.license})` : ''} · ${report.investigationId}`;
  return fitEmbed({
    title: discordText(`${DISPOSITION_LABELS[report.disposition]}: ${rule.title}`, 256),
    url: context.link,
    description: `**${discordText(report.headline, 500)}**\n${discordText(report.rationale, 1500)}`,
    color: DISPOSITION_COLOURS[report.disposition],
    fields,
    footer: { text: discordPlainText(credit, 500) },
    ...(context.createdAt ? { timestamp: context.createdAt } : {}),
  });
}
