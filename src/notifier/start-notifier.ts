import type { Config } from '../config/env.js';
import type { EsClient } from '../store/es-client.js';
import { startNotifier, type RunningNotifier } from './notifier.js';

/**
 * The notifier as the configuration describes it, or nothing when NOTIFY_WEBHOOK_URLS is empty. The API process
 * runs it (so every deployment of the API announces reports), and so may `npm run notifier`: several notifiers on
 * one prefix share the work without posting anything twice.
 */
export async function startConfiguredNotifier(config: Config, es: EsClient, log: (entry: Record<string, unknown>) => void): Promise<RunningNotifier | undefined> {
  const { notifier } = config;
  if (notifier.destinations.length === 0) return undefined;
  return startNotifier(
    { es, prefix: config.prefix, destinations: notifier.destinations, dispositions: notifier.dispositions, publicBaseUrl: config.publicBaseUrl, log },
    { pollMs: notifier.pollMs, timeoutMs: notifier.timeoutMs, maxAttempts: notifier.maxAttempts, backfillMs: notifier.backfillMs },
  );
}
