import type { Alert } from '../domain/alert.js';
import { fitEmbed, type Embed } from './discord-message.js';
import { discordCode, discordText } from './discord-text.js';

/** Alerts `/alerts` lists: enough to pick one for `/report` or `/investigate`, within one embed. */
export const ALERT_LIST_SIZE = 10;

/** Discord shows `<t:…:R>` as a relative time ("5 minutes ago") in the reader's own locale. */
function relativeTime(iso: string): string {
  return `<t:${Math.floor(new Date(iso).getTime() / 1000)}:R>`;
}

/** The newest alerts, one field each: severity and rule, then id, status and last match. */
export function renderAlertListEmbed(alerts: readonly Alert[], total: number): Embed {
  const shown = alerts.slice(0, ALERT_LIST_SIZE);
  return fitEmbed({
    title: 'Recent alerts',
    description:
      shown.length === 0
        ? 'No alerts.'
        : `The ${shown.length} most recently matched of ${total}. \`/report alert-id:<id>\` shows an alert's report; \`/investigate alert-id:<id>\` investigates it again.`,
    color: 0x5865f2,
    fields: shown.map((alert) => ({
      name: discordText(`${alert.severity} · ${alert.rule.title}`, 256),
      value: `${discordCode(alert.id)} · ${alert.status} · last match ${relativeTime(alert.lastSeen)} · ${alert.matchedEventCount} events`,
    })),
  });
}
