import { describe, expect, it } from 'vitest';
import { describeEnvironment, loadConfig } from '../../../src/config/env.js';
import { SocAgentError } from '../../../src/domain/errors.js';

function configError(env: Record<string, string>): SocAgentError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof SocAgentError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.elasticsearch.url).toBe('http://127.0.0.1:9200');
    expect(config.analyst).toBe('offline');
    expect(config.api).toEqual({ host: '127.0.0.1', port: 3000, tokens: [], cookieSecret: undefined, rateLimitPerMinute: 600, trustProxy: [], bullBoardReadOnly: true });
  });

  it('puts every queue of a deployment under one Redis Cluster hash tag', () => {
    expect(loadConfig({ SOC_PREFIX: 'acme' }).queuePrefix).toBe('{acme}');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ REDIS_URL: '', API_PORT: '' }).api.port).toBe(3000);
  });

  it('names the variable and what it expects when a URL is malformed', () => {
    const err = configError({ REDIS_URL: 'localhost:6379' });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toBe('Invalid configuration: REDIS_URL: expected a redis:// or rediss:// URL');
    expect(configError({ ELASTICSEARCH_URL: 'ftp://es' }).message).toContain('ELASTICSEARCH_URL: expected an http:// or https:// URL');
  });

  it('reports every bad variable on one line', () => {
    const err = configError({ API_PORT: '99999', LOG_LEVEL: 'loud' });
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toContain('API_PORT');
    expect(err.message).toContain('LOG_LEVEL');
  });

  it('never echoes the value of a bad variable, which may hold a secret', () => {
    const err = configError({ ELASTICSEARCH_URL: 'htp://elastic:hunter2-secret@es:9200', API_TOKEN: 'short-secret' });
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('short-secret');
    expect(err.message).toContain('API_TOKEN');
  });

  it('picks the Claude analyst automatically when a key is set', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'test-key' }).analyst).toBe('claude');
    expect(loadConfig({ ANTHROPIC_API_KEY: 'test-key', ANALYST: 'offline' }).analyst).toBe('offline');
  });

  it('refuses ANALYST=claude without a key', () => {
    expect(configError({ ANALYST: 'claude' }).message).toContain('ANTHROPIC_API_KEY: required when ANALYST=claude');
  });

  it('reads the API settings: rate limit, proxies, Bull Board mode and a cookie key long enough to sign with', () => {
    const config = loadConfig({ API_RATE_LIMIT: '120', API_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', BULL_BOARD_READ_ONLY: 'false', API_COOKIE_SECRET: 'k'.repeat(32) });
    expect(config.api).toMatchObject({ rateLimitPerMinute: 120, trustProxy: ['10.0.0.0/8', '127.0.0.1'], bullBoardReadOnly: false, cookieSecret: 'k'.repeat(32) });
    expect(() => loadConfig({ API_COOKIE_SECRET: 'short' })).toThrow('API_COOKIE_SECRET: expected at least 32 characters');
    expect(() => loadConfig({ BULL_BOARD_READ_ONLY: 'yes' })).toThrow('BULL_BOARD_READ_ONLY: expected true or false');
  });

  it('splits API_TOKEN into a list of tokens', () => {
    expect(loadConfig({ API_TOKEN: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb' }).api.tokens).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
  });

  it('reads feed download URLs as feed=url pairs and refuses anything else', () => {
    expect(loadConfig({ INTEL_FEED_URLS: 'tor-exit-nodes=https://example.org/tor.txt, drop=http://127.0.0.1:9/drop.txt' }).intel.feedUrls).toEqual({
      'tor-exit-nodes': 'https://example.org/tor.txt',
      drop: 'http://127.0.0.1:9/drop.txt',
    });
    expect(configError({ INTEL_FEED_URLS: 'https://example.org/tor.txt' }).message).toContain('INTEL_FEED_URLS: expected comma-separated feed=http(s)://url pairs');
  });

  it('enables a live threat-intel source only when its key is set', () => {
    expect(loadConfig({}).intel.abuseIpDb).toBeUndefined();
    expect(loadConfig({ ABUSEIPDB_API_KEY: 'k' }).intel.abuseIpDb?.baseUrl).toBe('https://api.abuseipdb.com/api/v2');
    expect(loadConfig({ MISP_URL: 'https://misp.example' }).intel.misp).toBeUndefined();
  });

  it('reads per-step worker concurrency and refuses unknown steps', () => {
    expect(loadConfig({ WORKER_CONCURRENCY: 'investigate=4,assess=1' }).workers.concurrency).toEqual({ investigate: 4, assess: 1 });
    expect(configError({ WORKER_CONCURRENCY: 'parse=3' }).message).toContain('WORKER_CONCURRENCY: expected step=number pairs');
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});

describe('describeEnvironment', () => {
  it('lists every variable with a description and marks secrets', () => {
    const variables = describeEnvironment();
    expect(variables.every((variable) => variable.description.length > 0)).toBe(true);
    expect(variables.filter((variable) => variable.secret).map((variable) => variable.name).sort()).toEqual([
      'ABUSEIPDB_API_KEY',
      'ANTHROPIC_API_KEY',
      'API_COOKIE_SECRET',
      'API_TOKEN',
      'DISCORD_BOT_TOKEN',
      'ELASTICSEARCH_API_KEY',
      'ELASTICSEARCH_PASSWORD',
      'MCP_HTTP_TOKEN',
      'MISP_API_KEY',
      'NOTIFY_WEBHOOK_URLS',
      'OTX_API_KEY',
    ]);
    expect(variables.find((variable) => variable.name === 'API_PORT')?.default).toBe('3000');
  });
});
