import { describe, expect, it } from 'vitest';
import { renderAlertListEmbed } from '../../../src/discord/alert-list-embed.js';
import { makeAlert } from '../../support/alert-builder.js';

describe('renderAlertListEmbed', () => {
  it('lists at most ten alerts with severity, rule, id, status and last match', () => {
    const alerts = Array.from({ length: 12 }, () => makeAlert({ lastSeen: '2026-11-18T10:05:00.000Z' }));
    const embed = renderAlertListEmbed(alerts, 40);
    expect(embed.fields).toHaveLength(10);
    expect(embed.fields?.[0]).toEqual({
      name: 'high · SSH brute force from one source',
      value: `\`${alerts[0]?.id ?? ''}\` · new · last match <t:1794996300:R> · 1 events`,
    });
    expect(embed.description).toContain('The 10 most recently matched of 40.');
  });

  it('escapes a rule title that carries markup', () => {
    const alert = makeAlert();
    const embed = renderAlertListEmbed([{ ...alert, rule: { ...alert.rule, title: '[x](https://evil.example) @everyone' } }], 1);
    expect(embed.fields?.[0]?.name).toBe('high · \\[x\\]\\(https\\://evil.example\\) @\u200beveryone');
  });

  it('says so when there are none', () => {
    expect(renderAlertListEmbed([], 0).description).toBe('No alerts.');
  });
});
