import { z } from 'zod';
import { truncateText } from '../webhooks/chat-text.js';

/** Discord's limits on one embed and one message, in characters. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All titles, descriptions, field names and values and footers of a message's embeds together. */
  total: 6000,
  content: 2000,
} as const;

export const EmbedFieldSchema = z.object({
  name: z.string().min(1).max(EMBED_LIMITS.fieldName),
  value: z.string().min(1).max(EMBED_LIMITS.fieldValue),
  inline: z.boolean().optional(),
});
export type EmbedField = z.infer<typeof EmbedFieldSchema>;

export const EmbedSchema = z.object({
  title: z.string().min(1).max(EMBED_LIMITS.title).optional(),
  description: z.string().min(1).max(EMBED_LIMITS.description).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  fields: z.array(EmbedFieldSchema).max(EMBED_LIMITS.fields).optional(),
  footer: z.object({ text: z.string().min(1).max(EMBED_LIMITS.footer) }).optional(),
  timestamp: z.iso.datetime().optional(),
});
export type Embed = z.infer<typeof EmbedSchema>;

/** No mention in any message pings anyone: not users, not roles, not @everyone. */
export const NO_MENTIONS = { parse: [] as never[] };

/** Shown only to the person who ran the command. */
export const EPHEMERAL_FLAG = 1 << 6;

/** A message as an interaction response, a follow-up or a webhook post carries it. */
export const DiscordMessageSchema = z
  .object({
    content: z.string().max(EMBED_LIMITS.content).optional(),
    embeds: z.array(EmbedSchema).max(10).optional(),
    allowed_mentions: z.object({ parse: z.array(z.never()).max(0) }),
    flags: z.number().int().optional(),
  })
  .refine((message) => (message.embeds ?? []).reduce((sum, embed) => sum + embedLength(embed), 0) <= EMBED_LIMITS.total, {
    message: `the embeds of one message hold at most ${EMBED_LIMITS.total} characters`,
    path: ['embeds'],
  });
export type DiscordMessage = z.infer<typeof DiscordMessageSchema>;

/** What of an embed counts towards the 6000-character total. */
export function embedLength(embed: Embed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * The embed within Discord's limits: each part cut to its own limit, at most 25 fields, and when the whole is
 * still over 6000 characters, fields dropped from the end (the least important come last), then the description
 * shortened.
 */
export function fitEmbed(embed: Embed): Embed {
  const fields = (embed.fields ?? []).slice(0, EMBED_LIMITS.fields).map((field) => ({
    ...field,
    name: truncateText(field.name, EMBED_LIMITS.fieldName),
    value: truncateText(field.value, EMBED_LIMITS.fieldValue),
  }));
  const fitted: Embed = {
    ...embed,
    ...(embed.title !== undefined ? { title: truncateText(embed.title, EMBED_LIMITS.title) } : {}),
    ...(embed.description !== undefined ? { description: truncateText(embed.description, EMBED_LIMITS.description) } : {}),
    ...(embed.footer ? { footer: { text: truncateText(embed.footer.text, EMBED_LIMITS.footer) } } : {}),
    ...(embed.fields ? { fields } : {}),
  };
  while (embedLength(fitted) > EMBED_LIMITS.total && fitted.fields && fitted.fields.length > 0) fitted.fields = fitted.fields.slice(0, -1);
  const excess = embedLength(fitted) - EMBED_LIMITS.total;
  if (excess > 0 && fitted.description !== undefined) fitted.description = truncateText(fitted.description, Math.max(1, fitted.description.length - excess));
  return EmbedSchema.parse(fitted);
}

/** A message with no mentions allowed, its content cut to Discord's limit. */
export function discordMessage(parts: { content?: string; embeds?: Embed[]; ephemeral?: boolean }): DiscordMessage {
  return DiscordMessageSchema.parse({
    ...(parts.content !== undefined ? { content: truncateText(parts.content, EMBED_LIMITS.content) } : {}),
    ...(parts.embeds ? { embeds: parts.embeds.map(fitEmbed) } : {}),
    allowed_mentions: NO_MENTIONS,
    ...(parts.ephemeral ? { flags: EPHEMERAL_FLAG } : {}),
  });
}
