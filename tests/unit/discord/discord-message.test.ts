import { describe, expect, it } from 'vitest';
import { DiscordMessageSchema, EMBED_LIMITS, discordMessage, embedLength, fitEmbed } from '../../../src/discord/discord-message.js';

const long = (length: number, character = 'x') => character.repeat(length);

describe('fitEmbed', () => {
  it('cuts each part to its own limit', () => {
    const embed = fitEmbed({ title: long(300), description: long(5000) });
    expect(embed.title).toHaveLength(EMBED_LIMITS.title);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.description).toHaveLength(EMBED_LIMITS.description);
    const parts = fitEmbed({ fields: [{ name: long(300), value: long(2000) }], footer: { text: long(3000) } });
    expect(parts.fields?.[0]?.name).toHaveLength(EMBED_LIMITS.fieldName);
    expect(parts.fields?.[0]?.value).toHaveLength(EMBED_LIMITS.fieldValue);
    expect(parts.footer?.text).toHaveLength(EMBED_LIMITS.footer);
  });

  it('keeps at most 25 fields', () => {
    const embed = fitEmbed({ fields: Array.from({ length: 40 }, (_, index) => ({ name: `f${index}`, value: 'v' })) });
    expect(embed.fields).toHaveLength(25);
    expect(embed.fields?.[24]?.name).toBe('f24');
  });

  it('drops fields from the end, then shortens the description, until the whole fits in 6000 characters', () => {
    const embed = fitEmbed({ title: 'Alert', description: long(4096), fields: Array.from({ length: 10 }, (_, index) => ({ name: `field ${index}`, value: long(1000) })) });
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed.fields?.map((field) => field.name)).toEqual(['field 0']);
    expect(embed.description).toHaveLength(4096);

    const tight = fitEmbed({ title: long(256), description: long(4096), footer: { text: long(2048) } });
    expect(embedLength(tight)).toBe(EMBED_LIMITS.total);
    expect(tight.description?.endsWith('…')).toBe(true);
  });
});

describe('discordMessage', () => {
  it('allows no mentions at all, and marks the message ephemeral only when asked', () => {
    expect(discordMessage({ content: 'hi' })).toEqual({ content: 'hi', allowed_mentions: { parse: [] } });
    expect(discordMessage({ content: 'hi', ephemeral: true }).flags).toBe(64);
  });

  it('cuts the content to 2000 characters', () => {
    expect(discordMessage({ content: long(2500) }).content).toHaveLength(2000);
  });

  it('refuses a message whose embeds together pass 6000 characters', () => {
    const big = fitEmbed({ description: long(4000) });
    expect(DiscordMessageSchema.safeParse({ embeds: [big, big], allowed_mentions: { parse: [] } }).success).toBe(false);
    expect(DiscordMessageSchema.safeParse({ content: 'x', allowed_mentions: { parse: ['everyone'] } }).success).toBe(false);
  });
});
