import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { listenHttp } from '../observability/listen-http.js';
import { checkHttpRequest, hostAllowed, type HttpPolicy } from './http-guard.js';
import { buildMcpServer } from './server.js';
import type { ToolDeps } from './tool-deps.js';

export interface McpHttpOptions extends HttpPolicy {
  deps: ToolDeps;
}

/** Largest request body: tool arguments are a few hundred bytes; anything near this is not a tool call. */
const MAX_BODY_BYTES = 256 * 1024;

function reject(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

/**
 * A Node request handler serving MCP over Streamable HTTP, statelessly: each POST gets its own server and
 * transport, so any number of clients (and instances behind a balancer) need no session affinity. It does not
 * look at the path, so it can be mounted anywhere, e.g. in Fastify with
 * `app.post('/mcp', (request, reply) => { reply.hijack(); return handler(request.raw, reply.raw, request.body); })`.
 */
export function createMcpHttpHandler(options: McpHttpOptions): (req: IncomingMessage, res: ServerResponse, parsedBody?: unknown) => Promise<void> {
  return async (req, res, parsedBody) => {
    const verdict = checkHttpRequest({ host: req.headers.host, origin: req.headers.origin, authorization: req.headers.authorization }, options);
    if (!verdict.ok) {
      options.deps.log.warn('http request refused', { status: verdict.status, reason: verdict.reason, method: req.method });
      reject(res, verdict.status, verdict.reason, verdict.status === 401 ? { 'www-authenticate': 'Bearer realm="soc-agent-mcp"' } : {});
      return;
    }
    if (req.method !== 'POST') {
      reject(res, 405, 'this server is stateless: POST JSON-RPC requests only', { allow: 'POST' });
      return;
    }
    const server = buildMcpServer(options.deps);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, parsedBody);
  };
}

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:3100/mcp` */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /healthz` for an orchestrator's probes: no token (a probe carries none, and the answer says nothing but
 * that the process runs), but the Host check still applies, so a rebound DNS name learns nothing either.
 */
function answerHealth(req: IncomingMessage, res: ServerResponse, allowedHosts: readonly string[]): void {
  if (!hostAllowed(req.headers.host, allowedHosts)) {
    reject(res, 403, 'Host header not allowed');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    reject(res, 405, 'GET only', { allow: 'GET, HEAD' });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'ok' }));
}

/** A standalone HTTP server with the handler at `/mcp` and a probe at `/healthz`; port 0 picks a free port (tests). */
export async function startMcpHttpServer(options: McpHttpOptions & { host: string; port: number }): Promise<RunningHttpServer> {
  const handler = createMcpHttpHandler(options);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      answerHealth(req, res, options.allowedHosts);
      return;
    }
    if (path !== '/mcp') {
      reject(res, 404, 'not found: the MCP endpoint is /mcp');
      return;
    }
    handler(req, res).catch((err: unknown) => {
      options.deps.log.error('http request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) reject(res, 500, 'internal error');
      else res.end();
    });
  });
  const listening = await listenHttp(server, options.host, options.port);
  return { url: `${listening.origin}/mcp`, close: listening.close };
}
