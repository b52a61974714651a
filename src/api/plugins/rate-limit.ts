import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  /** Requests per minute per client address. */
  perMinute: number;
}

/**
 * Requests per client address and minute, counted in this process before authentication, so guessing tokens is
 * as slow as anything else. Routes opt out (`config.rateLimit: false`, the health probes) or tighten it (login).
 */
export const rateLimitPlugin = fp<RateLimitOptions>(
  async (app: FastifyInstance, options) => {
    await app.register(fastifyRateLimit, {
      global: true,
      max: options.perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `too many requests; retry in ${context.after}` }),
    });
  },
  { name: 'rate-limit' },
);
