import type { Config } from '../config/env.js';
import type { EsClient } from '../store/es-client.js';
import { fetchElasticsearchHealth } from '../store/es-client.js';
import { fetchRedisHealth } from '../store/redis-connection.js';

/** A named check of one server a process depends on; it throws when the server does not answer. */
export interface ServiceProbe {
  name: string;
  check(): Promise<void>;
}

export type ServiceState = 'ok' | 'unavailable';

export interface Readiness {
  ready: boolean;
  services: Record<string, ServiceState>;
}

/** Runs every probe at once; a probe that throws marks its server unavailable and the process not ready. */
export async function checkServices(probes: readonly ServiceProbe[]): Promise<Readiness> {
  const results = await Promise.all(
    probes.map(async (probe): Promise<[string, ServiceState]> => {
      try {
        await probe.check();
        return [probe.name, 'ok'];
      } catch {
        return [probe.name, 'unavailable'];
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'ok'), services: Object.fromEntries(results) };
}

/** The two servers every soc-agent process needs. */
export function serverProbes(config: Config, es: EsClient): ServiceProbe[] {
  return [
    { name: 'redis', check: async () => void (await fetchRedisHealth(config.redis.url)) },
    { name: 'elasticsearch', check: async () => void (await fetchElasticsearchHealth(es, config.elasticsearch.url)) },
  ];
}
