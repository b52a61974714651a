import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SocAgentError } from '../domain/errors.js';
import { sendJson } from '../webhooks/send-json.js';
import { COMMAND_DEFINITIONS } from './command-definitions.js';
import { SnowflakeSchema } from './interaction.js';

export interface RegisterOptions {
  /** DISCORD_API_BASE_URL, without a trailing slash. */
  apiBaseUrl: string;
  applicationId: string;
  botToken: string;
  /** Registers to one server only (shown there at once, handy for trying it out); unset, to every server. */
  guildId?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const RegisteredSchema = z.array(z.looseObject({ id: SnowflakeSchema, name: z.string() }));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Tries of a rate-limited registration before giving up. */
const MAX_TRIES = 3;

/**
 * Installs the slash commands with one `PUT` of the whole list, which replaces what the application had: running
 * it again changes nothing, and a command dropped from the list disappears. Returns the registered names.
 */
export async function registerCommands(options: RegisterOptions): Promise<string[]> {
  const scope = options.guildId ? `/guilds/${options.guildId}` : '';
  const url = `${options.apiBaseUrl}/applications/${options.applicationId}${scope}/commands`;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await sendJson(
      { method: 'PUT', url, body: COMMAND_DEFINITIONS, headers: { authorization: `Bot ${options.botToken}` }, timeoutMs: options.timeoutMs ?? 10_000 },
      options.fetch,
    );
    if (outcome.kind === 'delivered') {
      const registered = RegisteredSchema.safeParse(parseJson(outcome.body));
      if (!registered.success) throw new SocAgentError('DISCORD_REQUEST_FAILED', 'Discord accepted the commands but answered with something other than the command list');
      return registered.data.map((command) => command.name);
    }
    if (outcome.kind === 'retry' && attempt < MAX_TRIES) {
      await sleep(outcome.retryAfterMs ?? 1_000 * attempt);
      continue;
    }
    const hint = outcome.kind === 'rejected' && outcome.status === 401 ? ' (check DISCORD_BOT_TOKEN)' : outcome.kind === 'rejected' && outcome.status === 404 ? ' (check DISCORD_APPLICATION_ID)' : '';
    throw new SocAgentError('DISCORD_REQUEST_FAILED', `Discord refused the command registration: ${outcome.reason}${hint}`, { applicationId: options.applicationId });
  }
}
