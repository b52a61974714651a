import type { Config } from '../../src/config/env.js';
import { McpClient, localStdioConnection } from '../../src/mcp-server/client.js';
import { startMcpHttpServer, type RunningHttpServer } from '../../src/mcp-server/http-server.js';
import { createStderrLog } from '../../src/mcp-server/stderr-log.js';
import { createToolRuntime, type ToolRuntime, type ToolRuntimeOptions } from '../../src/mcp-server/tool-runtime.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface HttpEvidenceServer {
  runtime: ToolRuntime;
  http: RunningHttpServer;
  close(): Promise<void>;
}

/** The evidence server over HTTP in this process, on a free loopback port, for an isolated config. */
export async function startHttpEvidenceServer(config: Config, options: Partial<ToolRuntimeOptions> & { allowedOrigins?: string[] } = {}): Promise<HttpEvidenceServer> {
  const runtime = createToolRuntime(config, { log: createStderrLog('error'), refreshFeeds: false, ...options });
  const http = await startMcpHttpServer({ deps: runtime.deps, host: '127.0.0.1', port: 0, token: TEST_TOKEN, allowedHosts: [], allowedOrigins: options.allowedOrigins ?? [] });
  return {
    runtime,
    http,
    async close() {
      await http.close();
      await runtime.close();
    },
  };
}

/** The environment a stdio subprocess needs to serve the same isolated data as `config`. */
export function stdioEnvironment(config: Config, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, SOC_PREFIX: config.prefix, SOC_NAMESPACE: config.namespace, LOG_LEVEL: 'warn', ...extra };
}

/** A client of a real subprocess, `node --import tsx src/mcp-server/main.ts`, speaking MCP on stdio. */
export function connectStdio(config: Config, extra: Record<string, string> = {}): Promise<McpClient> {
  return McpClient.connect({ connection: localStdioConnection(stdioEnvironment(config, extra)), stderr: 'ignore' });
}

export function connectHttp(url: string, token = TEST_TOKEN): Promise<McpClient> {
  return McpClient.connect({ connection: { transport: 'http', url, token } });
}
