import { z } from 'zod';
import { ALERT_ID_OPTION } from './interaction.js';

/** Discord's application command, as `PUT /applications/{id}/commands` takes it (the fields we set). */
export const CommandDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  description: z.string().min(1).max(100),
  /** 1: a slash command. */
  type: z.literal(1),
  options: z
    .array(
      z.object({
        /** 3: a string. */
        type: z.literal(3),
        name: z.string().regex(/^[a-z0-9_-]{1,32}$/),
        description: z.string().min(1).max(100),
        required: z.boolean(),
        min_length: z.number().int().optional(),
        max_length: z.number().int().optional(),
      }),
    )
    .optional(),
  /** A permission bit set as a decimal string; "0" leaves the command to administrators until a server grants it to roles. */
  default_member_permissions: z.string().regex(/^[0-9]+$/),
  /** 0: in servers only, never in direct messages. */
  contexts: z.array(z.literal(0)),
  /** 0: installed to a server. */
  integration_types: z.array(z.literal(0)),
});
export type CommandDefinition = z.infer<typeof CommandDefinitionSchema>;

const alertIdOption = {
  type: 3,
  name: ALERT_ID_OPTION,
  description: 'The alert id, as /alerts lists it (al-…)',
  required: true,
  min_length: 11,
  max_length: 43,
} as const;

/**
 * The slash commands this service answers. They read alert and report data and start investigations, so they are
 * for administrators until a server admin grants them to the SOC's roles (Server Settings → Integrations), and
 * never available in direct messages.
 */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = z.array(CommandDefinitionSchema).parse([
  { name: 'alerts', description: 'The most recently matched alerts', type: 1, default_member_permissions: '0', contexts: [0], integration_types: [0] },
  {
    name: 'investigate',
    description: 'Investigate an alert (again) and post the verdict here when it is done',
    type: 1,
    options: [alertIdOption],
    default_member_permissions: '0',
    contexts: [0],
    integration_types: [0],
  },
  {
    name: 'report',
    description: 'The latest report of an alert: verdict, confidence, key evidence and a link',
    type: 1,
    options: [alertIdOption],
    default_member_permissions: '0',
    contexts: [0],
    integration_types: [0],
  },
]);
