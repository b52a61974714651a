import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS } from '../../../src/discord/command-definitions.js';
import { CommandInteractionSchema, InteractionSchema, deferredResponse, noticeResponse, readSlashCommand, type CommandInteraction } from '../../../src/discord/interaction.js';

function command(name: string, options?: { name: string; type: number; value?: unknown }[]): CommandInteraction {
  return CommandInteractionSchema.parse({
    type: 2,
    id: '1100000000000000001',
    application_id: '1200000000000000002',
    token: 'aW50ZXJhY3Rpb24tdG9rZW4',
    data: { id: '1300000000000000003', name, ...(options ? { options } : {}) },
    guild_id: '1400000000000000004',
    member: { user: { id: '1500000000000000005', username: 'analyst' } },
  });
}

describe('InteractionSchema', () => {
  it('reads a PING and a slash command, keeping fields it does not name', () => {
    expect(InteractionSchema.parse({ type: 1, id: '1', application_id: '2', version: 1 })).toMatchObject({ type: 1, version: 1 });
    expect(InteractionSchema.parse(command('alerts')).type).toBe(2);
  });

  it.each([
    ['a component click', { type: 3, id: '1', application_id: '2', token: 't', data: {} }],
    ['a command without a token', { type: 2, id: '1', application_id: '2', data: { name: 'alerts' } }],
    ['an id that is not a Discord id', { type: 1, id: '1; DROP', application_id: '2' }],
  ])('refuses %s', (_label, payload) => {
    expect(InteractionSchema.safeParse(payload).success).toBe(false);
  });
});

describe('readSlashCommand', () => {
  it('reads /alerts, and /investigate and /report with their alert id', () => {
    expect(readSlashCommand(command('alerts'))).toEqual({ name: 'alerts' });
    expect(readSlashCommand(command('investigate', [{ name: 'alert-id', type: 3, value: ' al-3f9c2a1b7d4e ' }]))).toEqual({ name: 'investigate', alertId: 'al-3f9c2a1b7d4e' });
    expect(readSlashCommand(command('report', [{ name: 'alert-id', type: 3, value: 'al-3f9c2a1b7d4e' }]))).toEqual({ name: 'report', alertId: 'al-3f9c2a1b7d4e' });
  });

  it.each(['<@&123456>', 'al-../../etc', 'al-short', '@everyone', 'al-3f9c2a1b7d4e)[x](https://evil.example'])('says the alert id %j is not one, naming the option', (value) => {
    expect(readSlashCommand(command('report', [{ name: 'alert-id', type: 3, value }]))).toEqual({
      name: 'invalid',
      message: 'alert-id: expected an alert id such as al-3f9c2a1b7d4e (as /alerts lists them)',
    });
  });

  it('says when the alert id is missing', () => {
    expect(readSlashCommand(command('investigate'))).toEqual({ name: 'invalid', message: '/investigate needs the alert-id option' });
  });

  it('names a command it does not know', () => {
    expect(readSlashCommand(command('purge'))).toEqual({ name: 'unknown', command: 'purge' });
  });

  it('knows every command it registers with Discord', () => {
    for (const definition of COMMAND_DEFINITIONS) {
      const options = definition.options?.map((option) => ({ name: option.name, type: option.type, value: 'al-3f9c2a1b7d4e' }));
      expect(readSlashCommand(command(definition.name, options)).name).toBe(definition.name);
    }
  });
});

describe('responses', () => {
  it('answers a notice only to the person who asked, pinging nobody', () => {
    expect(noticeResponse('There is no alert.')).toEqual({ type: 4, data: { content: 'There is no alert.', allowed_mentions: { parse: [] }, flags: 64 } });
  });

  it('defers with the ephemeral flag only when asked to', () => {
    expect(deferredResponse(true)).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferredResponse(false)).toEqual({ type: 5 });
  });
});
