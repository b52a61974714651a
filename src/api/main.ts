import { runMain } from '../config/run-main.js';
import { createLogger, logTo } from '../observability/logger.js';
import { createEsClient } from '../store/es-client.js';
import { startApi } from './start-api.js';

runMain(async (config) => {
  const log = logTo(createLogger({ service: 'api', level: config.logLevel }));
  const es = createEsClient(config.elasticsearch);
  const api = await startApi(config, es, log);
  log({ msg: 'API listening', url: api.url, docs: `${api.url}/docs`, viewer: `${api.url}/ui/reports`, queues: `${api.url}/queues` });
  const close = async (): Promise<void> => {
    await api.close();
    await es.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
});
