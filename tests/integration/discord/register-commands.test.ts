import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommandDefinitionSchema, COMMAND_DEFINITIONS } from '../../../src/discord/command-definitions.js';
import { registerCommands } from '../../../src/discord/register-commands.js';
import { sendJson as answerJson, startFakeHttpServer, type FakeHttpServer } from '../../support/fake-http-server.js';
import { runCli } from '../../support/run-cli.js';

/** `npm run discord:register` against a capture server standing in for Discord's API. */
const BOT_TOKEN = 'bot-token-for-tests-0123456789abcdef';
let discord: FakeHttpServer;
let refuse: number | undefined;

beforeAll(async () => {
  discord = await startFakeHttpServer((request, res) => {
    if (refuse !== undefined) return answerJson(res, refuse, { message: refuse === 401 ? '401: Unauthorized' : 'Unknown Application', code: 0 });
    // Discord answers a bulk overwrite with the commands as stored, each with its id.
    const commands = z.array(CommandDefinitionSchema).parse(JSON.parse(request.body));
    return answerJson(res, 200, commands.map((command, index) => ({ ...command, id: `19000000000000000${index}`, application_id: '1200000000000000002', version: '1' })));
  });
});

beforeEach(() => {
  discord.requests.length = 0;
  refuse = undefined;
});

afterAll(async () => {
  await discord.close();
});

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DISCORD_API_BASE_URL: `${discord.url}/api/v10`,
  DISCORD_APPLICATION_ID: '1200000000000000002',
  DISCORD_BOT_TOKEN: BOT_TOKEN,
  ...extra,
});

describe('npm run discord:register', () => {
  it('puts the whole command list to the application with the bot token, and says what it registered', async () => {
    const run = await runCli('src/discord/register-main.ts', [], env());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('registered /alerts, /investigate, /report for application 1200000000000000002 in every server it is installed in\n');
    expect(discord.requests).toHaveLength(1);
    const [request] = discord.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe('/api/v10/applications/1200000000000000002/commands');
    expect(request?.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(JSON.parse(request?.body ?? 'null')).toEqual(COMMAND_DEFINITIONS);
  });

  it('registers to one server with --guild', async () => {
    const run = await runCli('src/discord/register-main.ts', ['--guild', '1400000000000000004'], env());
    expect(run.status).toBe(0);
    expect(discord.requests[0]?.path).toBe('/api/v10/applications/1200000000000000002/guilds/1400000000000000004/commands');
  });

  it('names the missing variables and sends nothing without the application id and bot token', async () => {
    const run = await runCli('src/discord/register-main.ts', [], { ...env(), DISCORD_APPLICATION_ID: '', DISCORD_BOT_TOKEN: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('soc-agent: Invalid configuration: DISCORD_APPLICATION_ID: required to register the commands; DISCORD_BOT_TOKEN: required to register the commands\n');
    expect(discord.requests).toHaveLength(0);
  });

  it('says what Discord refused, with a hint, and never prints the token', async () => {
    refuse = 401;
    await expect(registerCommands({ apiBaseUrl: `${discord.url}/api/v10`, applicationId: '1200000000000000002', botToken: BOT_TOKEN })).rejects.toThrow(
      'Discord refused the command registration: HTTP 401: 401: Unauthorized (check DISCORD_BOT_TOKEN)',
    );
    const run = await runCli('src/discord/register-main.ts', [], env());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('(check DISCORD_BOT_TOKEN)');
    expect(run.stderr + run.stdout).not.toContain(BOT_TOKEN);
  });
});
