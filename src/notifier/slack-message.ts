import { z } from 'zod';
import type { Severity } from '../domain/alert.js';
import type { ReportBody } from '../domain/report.js';
import { DISPOSITION_LABELS, ESCALATION_LABELS, percent } from '../discord/report-embed.js';
import { escapeBounded, truncateText } from '../webhooks/chat-text.js';

/** Slack's limits, in characters. */
export const SLACK_LIMITS = { header: 150, sectionText: 3000, field: 2000, fields: 10, contextElements: 10, blocks: 50, fallbackText: 4000 } as const;

const PlainTextSchema = z.object({ type: z.literal('plain_text'), text: z.string().min(1), emoji: z.literal(false) });
const MrkdwnSchema = z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(SLACK_LIMITS.sectionText) });

export const SlackBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: PlainTextSchema.extend({ text: z.string().min(1).max(SLACK_LIMITS.header) }) }),
  z.object({
    type: z.literal('section'),
    text: z.union([PlainTextSchema.extend({ text: z.string().min(1).max(SLACK_LIMITS.sectionText) }), MrkdwnSchema]).optional(),
    fields: z.array(PlainTextSchema.extend({ text: z.string().min(1).max(SLACK_LIMITS.field) })).max(SLACK_LIMITS.fields).optional(),
  }),
  z.object({ type: z.literal('context'), elements: z.array(PlainTextSchema.extend({ text: z.string().min(1).max(SLACK_LIMITS.sectionText) })).min(1).max(SLACK_LIMITS.contextElements) }),
]);
export type SlackBlock = z.infer<typeof SlackBlockSchema>;

/** An incoming-webhook message: `text` is the notification and fallback, `blocks` the layout. */
export const SlackMessageSchema = z.object({ text: z.string().min(1).max(SLACK_LIMITS.fallbackText), blocks: z.array(SlackBlockSchema).min(1).max(SLACK_LIMITS.blocks) });
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

/** `&`, `<` and `>` are Slack's control characters (links, mentions like `<!channel>`): written as entities, they are text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Hostile text for a Slack text object: flat, entities escaped, mentions neutralised, bounded. */
export function slackText(text: string, max: number): string {
  return escapeBounded(text, escapeSlack, max) || '—';
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: false as const });

/**
 * A report as a Slack message. Every value from logs or the model goes into `plain_text` objects (Slack applies
 * no formatting there) with `&`, `<`, `>` escaped; the only `mrkdwn` is the link to the report, which we build.
 */
export function renderSlackMessage(report: ReportBody, context: { link: string; severity?: Severity }): SlackMessage {
  const verdict = `${DISPOSITION_LABELS[report.disposition]} (${percent(report.confidence)})`;
  const signals = [...report.signals].sort((a, b) => b.weight - a.weight).slice(0, 3);
  const cited = report.citedEventIds.slice(0, 10);
  const facts = [
    `Verdict: ${verdict}`,
    `Escalation: ${ESCALATION_LABELS[report.escalationTier]}`,
    ...(context.severity ? [`Severity: ${context.severity}`] : []),
    `Alert: ${report.alertId}`,
    ...(report.degraded ? ['Degraded: yes, the verdict rests on less evidence than the runbook asked for'] : []),
  ];
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(slackText(`${verdict}: ${report.rule.title}`, SLACK_LIMITS.header)) },
    { type: 'section', text: plain(slackText(`${report.headline}. ${report.rationale}`, 1500)) },
    { type: 'section', fields: facts.map((fact) => plain(slackText(fact, 200))) },
    ...(signals.length > 0 ? [{ type: 'section' as const, text: plain(slackText(`Top signals: ${signals.map((signal) => signal.description).join(' · ')}`, 1000)) }] : []),
    ...(cited.length > 0
      ? [{ type: 'section' as const, text: plain(slackText(`Key evidence (event ids): ${cited.join(', ')}${report.citedEventIds.length > cited.length ? ` and ${report.citedEventIds.length - cited.length} more` : ''}`, 1500)) }]
      : []),
    { type: 'section', text: { type: 'mrkdwn', text: `<${escapeSlack(context.link)}|Open the report>` } },
    {
      type: 'context',
      elements: [plain(slackText(`Rule ${report.rule.title}${report.rule.author ? ` by ${report.rule.author}` : ''}${report.rule.license ? ` (${report.rule.license})` : ''} · ${report.investigationId}`, 500))],
    },
  ];
  const text = truncateText(slackText(`${verdict}: ${report.rule.title}. ${report.headline}`, 600), SLACK_LIMITS.fallbackText);
  return SlackMessageSchema.parse({ text, blocks });
}
