import Fastify, { type FastifyInstance } from 'fastify';
import { healthRoutes } from './routes/health.js';

/** A named check of one server the API depends on; it throws when the server does not answer. */
export interface ServiceProbe {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  probes: readonly ServiceProbe[];
  logLevel: string;
}

/** Builds the API without listening, so tests can use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: deps.logLevel }, bodyLimit: 64 * 1024 });
  await app.register(healthRoutes(deps.probes));
  return app;
}
