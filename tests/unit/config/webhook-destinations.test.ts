import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env.js';
import { parseWebhookDestination, parseWebhookDestinations } from '../../../src/config/webhook-destinations.js';
import { SocAgentError } from '../../../src/domain/errors.js';

describe('parseWebhookDestination', () => {
  it('knows Discord and Slack webhooks by their host', () => {
    expect(parseWebhookDestination('https://discord.com/api/webhooks/123/abc')?.kind).toBe('discord');
    expect(parseWebhookDestination('https://hooks.slack.com/services/T0/B0/xyz')?.kind).toBe('slack');
  });

  it('takes any http(s) URL marked discord: or slack:', () => {
    expect(parseWebhookDestination('slack:https://chat.example.internal/hooks/abc')).toMatchObject({ kind: 'slack', url: 'https://chat.example.internal/hooks/abc' });
    expect(parseWebhookDestination('discord:http://127.0.0.1:8080/api/webhooks/1/t')).toMatchObject({ kind: 'discord', url: 'http://127.0.0.1:8080/api/webhooks/1/t' });
  });

  it('refuses a URL of another host without a marker, and anything but http(s)', () => {
    expect(parseWebhookDestination('https://chat.example.internal/hooks/abc')).toBeUndefined();
    expect(parseWebhookDestination('slack:ftp://chat.example.internal/x')).toBeUndefined();
    expect(parseWebhookDestination('not a url')).toBeUndefined();
  });

  it('names a webhook by kind, host and a hash, never by its secret path', () => {
    const destination = parseWebhookDestination('https://discord.com/api/webhooks/123/very-secret-token');
    expect(destination?.label).toMatch(/^discord@discord\.com#[0-9a-f]{8}$/);
    expect(destination?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify({ id: destination?.id, label: destination?.label })).not.toContain('very-secret-token');
    expect(parseWebhookDestination('https://discord.com/api/webhooks/123/other-token')?.id).not.toBe(destination?.id);
  });
});

describe('parseWebhookDestinations', () => {
  it('reads a comma-separated list, once per URL', () => {
    const { destinations, error } = parseWebhookDestinations(' https://discord.com/api/webhooks/1/a , https://hooks.slack.com/services/T/B/c,https://discord.com/api/webhooks/1/a ');
    expect(error).toBeUndefined();
    expect(destinations.map((destination) => destination.kind)).toEqual(['discord', 'slack']);
  });

  it('names the bad entry by its position', () => {
    expect(parseWebhookDestinations('https://discord.com/api/webhooks/1/a,https://example.com/x').error).toBe(
      'entry 2: expected a Discord or Slack webhook URL, or an http(s) URL marked discord: or slack:',
    );
  });
});

describe('the notifier and Discord configuration', () => {
  it('refuses a bad NOTIFY_WEBHOOK_URLS naming the variable, never echoing the URL', () => {
    let error: unknown;
    try {
      loadConfig({ NOTIFY_WEBHOOK_URLS: 'https://example.com/hooks/super-secret-token' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SocAgentError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('NOTIFY_WEBHOOK_URLS: entry 1: expected a Discord or Slack webhook URL');
    expect(message).not.toContain('super-secret-token');
  });

  it('reads webhooks, verdicts and the Discord settings', () => {
    const config = loadConfig({
      NOTIFY_WEBHOOK_URLS: 'https://hooks.slack.com/services/T/B/c',
      NOTIFY_DISPOSITIONS: 'malicious',
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
      DISCORD_API_BASE_URL: 'http://127.0.0.1:9999/api/',
      DISCORD_FOLLOW_UP_WAIT_SECONDS: '60',
    });
    expect(config.notifier.destinations.map((destination) => destination.kind)).toEqual(['slack']);
    expect(config.notifier.dispositions).toEqual(['malicious']);
    expect(config.discord).toMatchObject({ publicKey: 'a'.repeat(64), apiBaseUrl: 'http://127.0.0.1:9999/api', ephemeral: true, maxAgeSeconds: 300, followUpWaitMs: 60_000 });
  });

  it('has no notifier and no interactions endpoint by default, and posts malicious and suspicious reports once configured', () => {
    const config = loadConfig({});
    expect(config.notifier.destinations).toEqual([]);
    expect(config.notifier.dispositions).toEqual(['malicious', 'suspicious']);
    expect(config.discord.publicKey).toBeUndefined();
  });

  it('names a malformed Discord public key', () => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'xyz' })).toThrow("DISCORD_PUBLIC_KEY: expected the 64 hexadecimal characters of the application's public key");
  });
});
