import { renderAlertListEmbed, ALERT_LIST_SIZE } from '../discord/alert-list-embed.js';
import { discordMessage } from '../discord/discord-message.js';
import { discordCode, discordText } from '../discord/discord-text.js';
import { deferredResponse, messageResponse, noticeResponse, readSlashCommand, type CommandInteraction, type InteractionResponse } from '../discord/interaction.js';
import { renderReportEmbed } from '../discord/report-embed.js';
import { reportViewerUrl } from '../domain/report-link.js';
import { getAlert, listAlerts } from '../store/alert-store.js';
import { latestReportForAlert } from '../store/report-store.js';
import type { FollowUps } from './discord-follow-ups.js';
import { listInvestigationRuns, type RunDeps } from './investigation-runs.js';

export interface DiscordCommandDeps {
  runs: RunDeps;
  followUps: FollowUps;
  publicBaseUrl: string;
  /** Answers only the person who asked sees (DISCORD_EPHEMERAL). */
  ephemeral: boolean;
  /** How long `/investigate` waits for the verdict. */
  followUpWaitMs: number;
  now: () => Date;
}

const COMMANDS = '`/alerts`, `/investigate alert-id:<id>` and `/report alert-id:<id>`';

/**
 * The answer to one slash command. `/alerts` and `/report` answer at once; `/investigate` answers "thinking…" (a
 * deferred response) and leaves the rest to a follow-up job. An unknown alert, a malformed id or an unknown
 * command get a message in words that only the person who asked sees.
 */
export async function answerSlashCommand(deps: DiscordCommandDeps, interaction: CommandInteraction): Promise<InteractionResponse> {
  const command = readSlashCommand(interaction);
  const { es, prefix } = deps.runs;
  switch (command.name) {
    case 'unknown':
      return noticeResponse(`This app does not know the command /${discordText(command.command, 32)}. It answers ${COMMANDS}.`);
    case 'invalid':
      return noticeResponse(command.message);
    case 'alerts': {
      const page = await listAlerts(es, prefix, {}, ALERT_LIST_SIZE);
      return messageResponse(discordMessage({ embeds: [renderAlertListEmbed(page.alerts, page.total)], ephemeral: deps.ephemeral }));
    }
    case 'report': {
      const alert = await getAlert(es, prefix, command.alertId);
      if (!alert) return noticeResponse(`There is no alert ${discordCode(command.alertId)}. \`/alerts\` lists the recent ones.`);
      const stored = await latestReportForAlert(es, prefix, alert.id);
      if (stored) {
        const link = reportViewerUrl(deps.publicBaseUrl, stored.json.investigationId);
        const embed = renderReportEmbed(stored.json, { link, createdAt: stored.createdAt, ...(stored.severity ? { severity: stored.severity } : {}) });
        return messageResponse(discordMessage({ embeds: [embed], ephemeral: deps.ephemeral }));
      }
      const latest = (await listInvestigationRuns(deps.runs, alert.id)).at(-1);
      return noticeResponse(
        latest === undefined
          ? `Alert ${discordCode(alert.id)} has not been investigated yet. \`/investigate alert-id:${alert.id}\` starts it.`
          : `Alert ${discordCode(alert.id)} has no report yet: its investigation is ${latest.state}.`,
      );
    }
    case 'investigate': {
      const alert = await getAlert(es, prefix, command.alertId);
      if (!alert) return noticeResponse(`There is no alert ${discordCode(command.alertId)}. \`/alerts\` lists the recent ones.`);
      await deps.followUps.schedule({
        interactionId: interaction.id,
        applicationId: interaction.application_id,
        token: interaction.token,
        alertId: alert.id,
        deadline: new Date(deps.now().getTime() + deps.followUpWaitMs).toISOString(),
        ephemeral: deps.ephemeral,
      });
      return deferredResponse(deps.ephemeral);
    }
  }
}
