import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { createToolRuntime } from './tool-runtime.js';
import { startMcpHttpServer } from './http-server.js';
import { buildMcpServer } from './server.js';
import { createStderrLog } from './stderr-log.js';

/**
 * The MCP server process. Without flags (or with `--stdio`) it speaks MCP on stdin/stdout, which is how the
 * workers and desktop clients launch it; with `--http` it serves Streamable HTTP on MCP_HTTP_HOST:MCP_HTTP_PORT.
 * Logs go to stderr in both cases: stdout carries only protocol messages.
 */
runMain(async (config) => {
  const { values } = parseArgs({ options: { http: { type: 'boolean' }, stdio: { type: 'boolean' } }, strict: true });
  if (values.http && values.stdio) throw new SocAgentError('INPUT_INVALID', 'choose one transport: --stdio or --http');
  const log = createStderrLog(config.logLevel);
  if (values.http && !config.mcp.token) {
    throw new SocAgentError('CONFIG_INVALID', 'Invalid configuration: MCP_HTTP_TOKEN: required with --http (a bearer token of at least 16 characters)', { variables: ['MCP_HTTP_TOKEN'] });
  }
  const runtime = createToolRuntime(config, { log });
  let closing = false;
  const shutdown = (close: () => Promise<void>) => (): void => {
    if (closing) return;
    closing = true;
    close()
      .then(() => runtime.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('shutdown failed', { error: err instanceof Error ? err.message : String(err) });
        process.exit(1);
      });
  };

  if (values.http && config.mcp.token) {
    const http = await startMcpHttpServer({
      deps: runtime.deps,
      host: config.mcp.host,
      port: config.mcp.port,
      token: config.mcp.token,
      allowedHosts: [...config.mcp.allowedHosts, ...(config.mcp.host === '0.0.0.0' || config.mcp.host === '::' ? [] : [config.mcp.host])],
      allowedOrigins: config.mcp.allowedOrigins,
    });
    log.info('listening', { url: http.url, transport: 'streamable-http' });
    const stop = shutdown(() => http.close());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }

  const server = buildMcpServer(runtime.deps);
  const stop = shutdown(() => server.close());
  // The client closing our stdin is the normal end of a stdio session.
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await server.connect(new StdioServerTransport());
  log.info('listening', { transport: 'stdio' });
});
