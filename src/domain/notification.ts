import { z } from 'zod';
import { DispositionSchema } from './verdict.js';

/** Which JSON a webhook takes: Discord's `{ content, embeds, allowed_mentions }` or Slack's `{ text, blocks }`. */
export const WebhookKindSchema = z.enum(['discord', 'slack']);
export type WebhookKind = z.infer<typeof WebhookKindSchema>;

/**
 * `pending`: to be posted at `nextAttemptAt`; `sending`: a notifier holds it until `leaseUntil`; `delivered`: the
 * webhook accepted it; `failed`: given up, with the reason.
 */
export const NotificationStateSchema = z.enum(['pending', 'sending', 'delivered', 'failed']);
export type NotificationState = z.infer<typeof NotificationStateSchema>;

/** One report to be posted to one webhook, and how far that has got. Its id is `<investigation>--<destination>`. */
export const NotificationSchema = z.object({
  id: z.string().min(1),
  investigationId: z.string().min(1),
  alertId: z.string().min(1),
  disposition: DispositionSchema,
  /** The webhook's id (a hash of its URL) and kind; the URL itself is never stored. */
  destination: z.string().regex(/^[0-9a-f]{16}$/),
  destinationKind: WebhookKindSchema,
  state: NotificationStateSchema,
  /** Posts tried so far. */
  attempts: z.number().int().min(0),
  nextAttemptAt: z.iso.datetime(),
  leaseUntil: z.iso.datetime().optional(),
  /** Which notifier process holds or last held it. */
  owner: z.string().max(200).optional(),
  lastError: z.string().max(300).optional(),
  deliveredAt: z.iso.datetime().optional(),
  reportCreatedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export function notificationId(investigationId: string, destination: string): string {
  return `${investigationId}--${destination}`;
}
