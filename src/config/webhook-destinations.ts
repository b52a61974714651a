import { createHash } from 'node:crypto';
import { z } from 'zod';
import { WebhookKindSchema } from '../domain/notification.js';

export const WebhookDestinationSchema = z.object({
  kind: WebhookKindSchema,
  /** The URL to post to, with its secret: never logged, never stored. */
  url: z.string(),
  /** A stable id that reveals nothing of the URL: the first 16 hex digits of its SHA-256. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  /** What logs and stored states name it by: kind, host and id. */
  label: z.string(),
});
export type WebhookDestination = z.infer<typeof WebhookDestinationSchema>;

const DISCORD_HOSTS = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com']);
const SLACK_HOSTS = new Set(['hooks.slack.com']);

/**
 * One entry of NOTIFY_WEBHOOK_URLS: a Discord webhook URL, a Slack one, or any http(s) URL marked `discord:` or
 * `slack:` (a Slack-compatible service such as Mattermost, a proxy, a local test server). Undefined when the entry
 * is none of these; the caller names the variable, never the value.
 */
export function parseWebhookDestination(entry: string): WebhookDestination | undefined {
  const marked = /^(discord|slack):(https?:\/\/.+)$/.exec(entry);
  let url: URL;
  try {
    url = new URL(marked?.[2] ?? entry);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const kind = marked?.[1] === 'discord' || marked?.[1] === 'slack' ? marked[1] : DISCORD_HOSTS.has(url.hostname) ? 'discord' : SLACK_HOSTS.has(url.hostname) ? 'slack' : undefined;
  if (kind === undefined) return undefined;
  const text = url.toString();
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { kind, url: text, id, label: `${kind}@${url.host}#${id.slice(0, 8)}` };
}

/** The entries of a comma-separated list, with a message naming the first bad one by position. */
export function parseWebhookDestinations(list: string): { destinations: WebhookDestination[]; error?: string } {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const destinations: WebhookDestination[] = [];
  for (const [index, entry] of entries.entries()) {
    const destination = parseWebhookDestination(entry);
    if (!destination) {
      return { destinations, error: `entry ${index + 1}: expected a Discord or Slack webhook URL, or an http(s) URL marked discord: or slack:` };
    }
    if (!destinations.some((known) => known.id === destination.id)) destinations.push(destination);
  }
  return { destinations };
}
