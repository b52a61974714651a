import { createServer, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { listenHttp } from './listen-http.js';
import { checkServices, type ServiceProbe } from './service-probes.js';

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  probes: readonly ServiceProbe[];
  registry: Registry;
}

export interface RunningOpsServer {
  /** e.g. `http://127.0.0.1:9464` */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * What an orchestrator and Prometheus ask of a process that has no API of its own (workers, producer):
 * `/healthz` (the process runs), `/readyz` (its servers answer) and `/metrics`. Read-only and free of secrets, so
 * it needs no token; it binds to loopback unless told otherwise.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'only GET is served here' } }));
      return;
    }
    const answer = async (): Promise<void> => {
      switch (path) {
        case '/healthz':
          return send(res, 200, JSON.stringify({ status: 'ok' }));
        case '/readyz': {
          const readiness = await checkServices(options.probes);
          return send(res, readiness.ready ? 200 : 503, JSON.stringify({ status: readiness.ready ? 'ready' : 'unavailable', services: readiness.services }));
        }
        case '/metrics':
          return send(res, 200, await options.registry.metrics(), options.registry.contentType);
        default:
          return send(res, 404, JSON.stringify({ error: { code: 'NOT_FOUND', message: 'served here: /healthz, /readyz, /metrics' } }));
      }
    };
    answer().catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
      else res.end();
    });
  });
  const listening = await listenHttp(server, options.host, options.port);
  return { url: listening.origin, close: listening.close };
}
