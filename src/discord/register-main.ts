import { parseArgs } from 'node:util';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { SnowflakeSchema } from './interaction.js';
import { registerCommands } from './register-commands.js';

/** `npm run discord:register [-- --guild <server id>]`: installs /alerts, /investigate and /report. */
runMain(async (config) => {
  const { values } = parseArgs({ options: { guild: { type: 'string' } } });
  const { applicationId, botToken, apiBaseUrl } = config.discord;
  const missing = [...(applicationId ? [] : ['DISCORD_APPLICATION_ID']), ...(botToken ? [] : ['DISCORD_BOT_TOKEN'])];
  if (!applicationId || !botToken) {
    throw new SocAgentError('CONFIG_INVALID', `Invalid configuration: ${missing.map((name) => `${name}: required to register the commands`).join('; ')}`, { variables: missing });
  }
  const guild = values.guild === undefined ? undefined : SnowflakeSchema.safeParse(values.guild);
  if (guild && !guild.success) throw new SocAgentError('INPUT_INVALID', '--guild: expected a Discord server id (digits)');
  const names = await registerCommands({ apiBaseUrl, applicationId, botToken, ...(guild?.data ? { guildId: guild.data } : {}) });
  process.stdout.write(`registered ${names.map((name) => `/${name}`).join(', ')} for application ${applicationId} ${guild?.data ? `in server ${guild.data}` : 'in every server it is installed in'}\n`);
});
