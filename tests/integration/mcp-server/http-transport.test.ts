import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../src/domain/errors.js';
import { McpClient } from '../../../src/mcp-server/client.js';
import { isolate } from '../../support/isolation.js';
import { startHttpEvidenceServer, TEST_TOKEN, type HttpEvidenceServer } from '../../support/mcp-servers.js';

/** The guards in front of the HTTP transport; no telemetry is needed, only the server. */
const iso = isolate({ RUNBOOKS_DIR: 'tests/fixtures/runbooks' });
const ALLOWED_ORIGIN = 'http://localhost:6274';
let server: HttpEvidenceServer;

beforeAll(async () => {
  server = await startHttpEvidenceServer(iso.config, { allowedOrigins: [ALLOWED_ORIGIN] });
});
afterAll(async () => {
  await server?.close();
  await iso.cleanup();
});

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '0' } },
});

/** A raw POST with full control of the headers, Host included (fetch does not allow setting Host). */
function post(headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(server.http.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(initialize);
  });
}

/** A raw GET of `path` on the server, with full control of the headers. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(server.http.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the health probe of the MCP HTTP server', () => {
  it('answers GET /healthz with 200 and status ok without a token', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('refuses /healthz under a foreign Host, as the MCP endpoint does', async () => {
    expect((await get('/healthz', { host: 'evil.example:3100' })).status).toBe(403);
  });
});

describe('the MCP HTTP endpoint', () => {
  it('answers a request with the bearer token', async () => {
    const response = await post({ authorization: `Bearer ${TEST_TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.body).toContain('soc-agent-evidence');
  });

  it('refuses a request without a token, or with a wrong one, with 401 and a Bearer challenge', async () => {
    const missing = await post({});
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect((await post({ authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await post({ authorization: TEST_TOKEN })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the right token (DNS rebinding)', async () => {
    expect((await post({ authorization: `Bearer ${TEST_TOKEN}`, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${TEST_TOKEN}`, host: 'evil.example:80' })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${TEST_TOKEN}`, origin: ALLOWED_ORIGIN })).status).toBe(200);
  });

  it('answers anything but POST with 405 and any other path with 404', async () => {
    const get = await fetch(server.http.url, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(get.status).toBe(405);
    const other = await fetch(server.http.url.replace('/mcp', '/admin'), { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(other.status).toBe(404);
  });

  it('makes a client with a wrong token fail with MCP_UNAVAILABLE', async () => {
    const failure = await McpClient.connect({ connection: { transport: 'http', url: server.http.url, token: 'not-the-token-000000' } }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SocAgentError);
    expect(failure).toMatchObject({ code: 'MCP_UNAVAILABLE' });
  });
});
