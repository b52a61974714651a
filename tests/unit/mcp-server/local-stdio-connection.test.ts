import { describe, expect, it } from 'vitest';
import { localStdioConnection } from '../../../src/mcp-server/client.js';

describe('localStdioConnection', () => {
  it('gives the server child its settings and the secrets it uses, and no other secret', () => {
    const connection = localStdioConnection({
      SOC_PREFIX: 'acme',
      ELASTICSEARCH_URL: 'http://es:9200',
      ELASTICSEARCH_PASSWORD: 'es-password-value',
      ABUSEIPDB_API_KEY: 'abuse-key-value',
      ANALYST: 'claude',
      ANTHROPIC_API_KEY: 'model-key-value',
      API_TOKEN: 'api-token-value-0123456789',
      API_COOKIE_SECRET: 'cookie-secret-value-0123456789',
      UNRELATED_SECRET: 'not-a-setting',
    });
    if (connection.transport !== 'stdio') throw new Error('expected a stdio connection');
    expect(connection.env).toMatchObject({ SOC_PREFIX: 'acme', ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_PASSWORD: 'es-password-value', ABUSEIPDB_API_KEY: 'abuse-key-value' });
    const values = Object.values(connection.env ?? {});
    for (const withheld of ['claude', 'model-key-value', 'api-token-value-0123456789', 'cookie-secret-value-0123456789', 'not-a-setting']) expect(values).not.toContain(withheld);
  });
});
