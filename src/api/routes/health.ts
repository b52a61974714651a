import type { FastifyInstance } from 'fastify';
import type { ServiceProbe } from '../app.js';

/** `/healthz` says the process runs; `/readyz` says its servers answer. Neither needs a token. */
export function healthRoutes(probes: readonly ServiceProbe[]) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/healthz', async () => ({ status: 'ok' }));

    app.get('/readyz', async (_request, reply) => {
      const results = await Promise.all(
        probes.map(async (probe) => {
          try {
            await probe.check();
            return [probe.name, 'ok'] as const;
          } catch {
            return [probe.name, 'unavailable'] as const;
          }
        }),
      );
      const ready = results.every(([, state]) => state === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', services: Object.fromEntries(results) });
    });
  };
}
