import { z } from 'zod';
import { AlertSchema } from '../domain/alert.js';
import { DiscordMessageSchema, EPHEMERAL_FLAG, discordMessage, type DiscordMessage } from './discord-message.js';

/** Discord ids are 64-bit integers written in decimal. */
export const SnowflakeSchema = z.string().regex(/^[0-9]{1,20}$/, { message: 'expected a Discord id' });

/** The token that authorises follow-ups to one interaction for 15 minutes. */
const InteractionTokenSchema = z.string().regex(/^[\x21-\x7E]{1,500}$/, { message: 'expected an interaction token' });

const UserSchema = z.looseObject({ id: SnowflakeSchema });

const CommandOptionSchema = z.looseObject({
  name: z.string().min(1).max(32),
  type: z.number().int(),
  value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
});

export const PingInteractionSchema = z.looseObject({ type: z.literal(1), id: SnowflakeSchema, application_id: SnowflakeSchema });

export const CommandInteractionSchema = z.looseObject({
  type: z.literal(2),
  id: SnowflakeSchema,
  application_id: SnowflakeSchema,
  token: InteractionTokenSchema,
  data: z.looseObject({ name: z.string().min(1).max(32), options: z.array(CommandOptionSchema).max(25).optional() }),
  guild_id: SnowflakeSchema.optional(),
  channel_id: SnowflakeSchema.optional(),
  /** In a server: the member, with the user inside. */
  member: z.looseObject({ user: UserSchema }).optional(),
  /** In a direct message: the user. */
  user: UserSchema.optional(),
});
export type CommandInteraction = z.infer<typeof CommandInteractionSchema>;

/**
 * The interactions this endpoint answers: Discord's PING (when the endpoint URL is saved) and slash commands.
 * Components, autocomplete and modals are never offered by our commands, so they are refused as bad input.
 */
export const InteractionSchema = z.discriminatedUnion('type', [PingInteractionSchema, CommandInteractionSchema]);
export type Interaction = z.infer<typeof InteractionSchema>;

/** The Discord user who ran a command, for the log. */
export function invokerOf(interaction: CommandInteraction): string | undefined {
  return interaction.member?.user.id ?? interaction.user?.id;
}

export const ALERT_ID_OPTION = 'alert-id';

/** What a slash command asks for, read from its options; `invalid` says what is wrong in words for the user. */
export type SlashCommand =
  | { name: 'alerts' }
  | { name: 'investigate'; alertId: string }
  | { name: 'report'; alertId: string }
  | { name: 'invalid'; message: string }
  | { name: 'unknown'; command: string };

const AlertIdOptionSchema = AlertSchema.shape.id;

/** The slash command in an interaction, with its `alert-id` checked against the shape of alert ids. */
export function readSlashCommand(interaction: CommandInteraction): SlashCommand {
  const name = interaction.data.name;
  if (name === 'alerts') return { name };
  if (name !== 'investigate' && name !== 'report') return { name: 'unknown', command: name };
  const option = interaction.data.options?.find((candidate) => candidate.name === ALERT_ID_OPTION);
  if (option === undefined) return { name: 'invalid', message: `/${name} needs the ${ALERT_ID_OPTION} option` };
  const alertId = AlertIdOptionSchema.safeParse(typeof option.value === 'string' ? option.value.trim() : option.value);
  if (!alertId.success) return { name: 'invalid', message: `${ALERT_ID_OPTION}: expected an alert id such as al-3f9c2a1b7d4e (as /alerts lists them)` };
  return { name, alertId: alertId.data };
}

/** PONG (1), a message now (4), or "thinking…" now and the message later as a follow-up (5). */
export const InteractionResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(1) }),
  z.object({ type: z.literal(4), data: DiscordMessageSchema }),
  z.object({ type: z.literal(5), data: z.object({ flags: z.number().int() }).optional() }),
]);
export type InteractionResponse = z.infer<typeof InteractionResponseSchema>;

export const PONG: InteractionResponse = { type: 1 };

export function messageResponse(message: DiscordMessage): InteractionResponse {
  return { type: 4, data: message };
}

/** A short answer in words; only the person who asked sees it. */
export function noticeResponse(text: string): InteractionResponse {
  return messageResponse(discordMessage({ content: text, ephemeral: true }));
}

export function deferredResponse(ephemeral: boolean): InteractionResponse {
  return ephemeral ? { type: 5, data: { flags: EPHEMERAL_FLAG } } : { type: 5 };
}
