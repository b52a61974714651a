import type { Severity } from '../domain/alert.js';
import type { WebhookKind } from '../domain/notification.js';
import type { ReportBody } from '../domain/report.js';
import { discordMessage, type DiscordMessage } from '../discord/discord-message.js';
import { discordText } from '../discord/discord-text.js';
import { DISPOSITION_LABELS, percent, renderReportEmbed } from '../discord/report-embed.js';
import { renderSlackMessage, type SlackMessage } from './slack-message.js';

/**
 * The message announcing a report, in the JSON the webhook takes: Discord's `{ content, embeds,
 * allowed_mentions }` with the report embed, or Slack's `{ text, blocks }`.
 */
export function renderWebhookMessage(kind: WebhookKind, report: ReportBody, context: { link: string; severity?: Severity }): DiscordMessage | SlackMessage {
  if (kind === 'slack') return renderSlackMessage(report, context);
  const severity = context.severity ? ` · ${context.severity}` : '';
  return discordMessage({
    content: `**${DISPOSITION_LABELS[report.disposition]}** (${percent(report.confidence)})${severity}: ${discordText(report.rule.title, 200)}`,
    embeds: [renderReportEmbed(report, context)],
  });
}
