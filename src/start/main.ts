import { followTelemetry } from '../../generators/follow.js';
import { startApi } from '../api/start-api.js';
import { redactUrl } from '../config/redact-url.js';
import { runMain } from '../config/run-main.js';
import { ensureServices } from '../local-services/services.js';
import { createLogger, logTo } from '../observability/logger.js';
import { startTracing } from '../observability/tracing.js';
import { loadRulePack } from '../producer/load-rules.js';
import { startProducer } from '../producer/producer.js';
import { createEsClient } from '../store/es-client.js';
import { startWorkers } from '../workers/start-workers.js';

/**
 * The whole service continuously in one process, for a laptop: live telemetry from the simulated organisation,
 * scheduled detection, the step workers and the API. In production each runs as its own process (see
 * docker-compose.yml); this is the same code wired together.
 */
runMain(async (config) => {
  const log = logTo(createLogger({ service: 'soc-agent', level: config.logLevel }));
  const tracing = startTracing(config.tracing.endpoint, 'soc-agent');
  await ensureServices(config, (line) => log({ msg: line }));
  const es = createEsClient(config.elasticsearch);
  const pack = loadRulePack(config.detection.rulesDir, config.namespace);
  for (const error of pack.errors) log({ msg: 'rule error', error: error.message, level: 'error' });
  const producer = await startProducer({ es, config, rules: pack.rules, log });
  const workers = await startWorkers(es, config, log);
  const api = await startApi(config, es, log);
  log({ msg: 'started', api: api.url, viewer: `${api.url}/ui/reports`, queues: `${api.url}/queues`, docs: `${api.url}/docs`, elasticsearch: redactUrl(config.elasticsearch.url), rules: pack.rules.length });

  const stopping = new AbortController();
  const stop = async (): Promise<void> => {
    stopping.abort();
    await api.close();
    await producer.close();
    await workers.close();
    await es.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await followTelemetry({ es, config, seed: '42', people: 50, rate: 50, scenarioEveryMinutes: 5, log: (line) => log({ msg: line }), signal: stopping.signal });
});
