import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { SocAgentError } from '../../../src/domain/errors.js';
import { McpClient, localStdioConnection } from '../../../src/mcp-server/client.js';
import { isolate } from '../../support/isolation.js';
import { connectStdio, stdioEnvironment } from '../../support/mcp-servers.js';

/**
 * The client the workers use: health, recovery from a crashed subprocess, a clean error when there is no server,
 * and a stdio server that writes nothing but protocol messages to stdout. Subprocesses start through tsx, which
 * takes a few seconds on a busy 2-core machine; the project's 60 s test timeout covers it.
 */
const iso = isolate({ RUNBOOKS_DIR: 'tests/fixtures/runbooks' });
afterAll(() => iso.cleanup());

describe('McpClient', () => {
  it('restarts a crashed stdio server and retries the call once', async () => {
    const client = await connectStdio(iso.config, { RUNBOOKS_DIR: 'tests/fixtures/runbooks' });
    try {
      expect((await client.callTool('list_runbooks', {})).runbooks).toHaveLength(2);
      const pid = client.pid;
      if (pid === undefined) throw new Error('no subprocess');
      process.kill(pid, 'SIGKILL');
      expect((await client.callTool('list_runbooks', {})).runbooks).toHaveLength(2);
      expect(client.restarts).toBe(1);
      expect(client.pid).not.toBe(pid);
      expect((await client.health()).tools).toContain('search_events');
    } finally {
      await client.close();
    }
  });

  it('fails with MCP_UNAVAILABLE when the HTTP server is down', async () => {
    const failure = await McpClient.connect({ connection: { transport: 'http', url: 'http://127.0.0.1:9/mcp', token: 'x'.repeat(20) } }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SocAgentError);
    expect(failure).toMatchObject({ code: 'MCP_UNAVAILABLE' });
  });

  it('fails with MCP_UNAVAILABLE when the stdio server cannot start', async () => {
    const broken = { ...localStdioConnection(stdioEnvironment(iso.config)), command: '/nonexistent/node' };
    const failure = await McpClient.connect({ connection: broken, connectTimeoutMs: 10_000, stderr: 'ignore' }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'MCP_UNAVAILABLE' });
    const badConfig = localStdioConnection(stdioEnvironment(iso.config, { MCP_RESPONSE_BYTES: 'lots' }));
    expect(await McpClient.connect({ connection: badConfig, connectTimeoutMs: 20_000, stderr: 'ignore' }).catch((err: unknown) => err)).toMatchObject({ code: 'MCP_UNAVAILABLE' });
  });

  it('reports a tool failure as MCP_TOOL_FAILED with the tool\'s code', async () => {
    const client = await connectStdio(iso.config);
    try {
      const failure = await client.callTool('get_alert', { alert_id: 'al-doesnotexist1' }).catch((err: unknown) => err);
      expect(failure).toMatchObject({ code: 'MCP_TOOL_FAILED', context: { tool: 'get_alert', toolCode: 'ALERT_NOT_FOUND' } });
    } finally {
      await client.close();
    }
  });
});

describe('npm run -s mcp:stdio', () => {
  it('writes only JSON-RPC messages to stdout', async () => {
    const child = spawn('npm', ['run', '-s', 'mcp:stdio'], { env: { ...stdioEnvironment(iso.config), LOG_LEVEL: 'debug' }, stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } })}\n`);
    await expect.poll(() => stdout.includes('"id":1'), { timeout: 30_000, interval: 100 }).toBe(true);
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_runbooks', arguments: {} } })}\n`);
    await expect.poll(() => stdout.includes('"id":2'), { timeout: 30_000, interval: 100 }).toBe(true);
    child.stdin.end();
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = stdout.split('\n').filter((line) => line.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(exitCode).toBe(0);
  });
});
