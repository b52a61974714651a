import { runMain } from '../config/run-main.js';
import { SocAgentError } from '../domain/errors.js';
import { createLogger, logTo } from '../observability/logger.js';
import { createEsClient } from '../store/es-client.js';
import { startConfiguredNotifier } from './start-notifier.js';

/** `npm run notifier`: the notifier alone, for a deployment that runs it apart from the API. */
runMain(async (config) => {
  const log = logTo(createLogger({ service: 'notifier', level: config.logLevel }));
  if (config.notifier.destinations.length === 0) {
    throw new SocAgentError('CONFIG_INVALID', 'Invalid configuration: NOTIFY_WEBHOOK_URLS: required to run the notifier', { variables: ['NOTIFY_WEBHOOK_URLS'] });
  }
  const es = createEsClient(config.elasticsearch);
  const notifier = await startConfiguredNotifier(config, es, log);
  const close = async (): Promise<void> => {
    await notifier?.close();
    await es.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
});
