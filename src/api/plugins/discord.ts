import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/env.js';
import { discordPublicKey } from '../../discord/request-signature.js';
import { createRequestReplayStore } from '../../store/request-replay-store.js';
import { startFollowUps } from '../discord-follow-ups.js';
import type { RunDeps } from '../investigation-runs.js';
import type { ReportReader } from '../report-reader.js';
import { discordRoutes } from '../routes/discord.js';

export interface DiscordPluginOptions {
  config: Config;
  /** Where `/investigate` starts runs: the same queue and idempotency store as the REST API. */
  runs: RunDeps;
  reports: ReportReader;
  now: () => Date;
}

/**
 * The Discord bot, when DISCORD_PUBLIC_KEY is set: the interactions endpoint, the memory of requests already
 * answered (Redis), and the worker that posts `/investigate` follow-ups, all closed with the app.
 */
export function discordPlugin(options: DiscordPluginOptions): FastifyPluginAsync {
  return async (app) => {
    const { config } = options;
    if (config.discord.publicKey === undefined) return;
    const publicKey = discordPublicKey(config.discord.publicKey);
    const replays = createRequestReplayStore(config.redis.url, config.prefix);
    const log = (entry: Record<string, unknown>): void => {
      const { msg, level, ...fields } = entry;
      const text = typeof msg === 'string' ? msg : '';
      if (level === 'error') app.log.error(fields, text);
      else if (level === 'warn') app.log.warn(fields, text);
      else app.log.info(fields, text);
    };
    const followUps = startFollowUps({ config, runs: options.runs, reports: options.reports, log, now: options.now });
    app.addHook('onClose', async () => {
      await followUps.close();
      await replays.close();
    });
    await app.register(
      discordRoutes({
        publicKey,
        maxAgeSeconds: config.discord.maxAgeSeconds,
        replays,
        now: options.now,
        commands: {
          runs: options.runs,
          followUps,
          publicBaseUrl: config.publicBaseUrl,
          ephemeral: config.discord.ephemeral,
          followUpWaitMs: config.discord.followUpWaitMs,
          now: options.now,
        },
      }),
    );
  };
}
