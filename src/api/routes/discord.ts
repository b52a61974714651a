import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { InteractionResponseSchema, InteractionSchema, PONG, invokerOf } from '../../discord/interaction.js';
import { isValidDiscordSignature, requestFingerprint } from '../../discord/request-signature.js';
import { checkFreshness, replayMemorySeconds } from '../../discord/request-freshness.js';
import { SocAgentError } from '../../domain/errors.js';
import type { RequestReplayStore } from '../../store/request-replay-store.js';
import { answerSlashCommand, type DiscordCommandDeps } from '../discord-commands.js';
import { sendError } from '../plugins/error-handler.js';

export interface DiscordRouteDeps {
  publicKey: KeyObject;
  /** DISCORD_MAX_AGE_SECONDS */
  maxAgeSeconds: number;
  replays: RequestReplayStore;
  commands: DiscordCommandDeps;
  now: () => Date;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function refuse(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  return sendError(request, reply, new SocAgentError('UNAUTHENTICATED', message));
}

/**
 * `POST /discord/interactions`, Discord's Interactions Endpoint URL. It is authenticated by Discord's Ed25519
 * signature instead of a bearer token (`config.public`): the `X-Signature-Ed25519` header must sign the
 * `X-Signature-Timestamp` header followed by the body exactly as received, so the body is kept as raw bytes
 * until the signature is checked. A request unsigned, wrongly signed, too old, dated in the future or already
 * answered gets 401, before its body is even parsed.
 */
export function discordRoutes(deps: DiscordRouteDeps): FastifyPluginAsync {
  return async (app) => {
    // In this plugin only: every body is raw bytes, whatever it claims to be, so a bad request is refused on its
    // signature (401) rather than on its content type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post('/discord/interactions', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const signature = header(request, 'x-signature-ed25519');
      const timestamp = header(request, 'x-signature-timestamp');
      if (signature === undefined || timestamp === undefined) return refuse(request, reply, 'the request is not signed (X-Signature-Ed25519, X-Signature-Timestamp)');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!isValidDiscordSignature(deps.publicKey, signature, timestamp, body)) return refuse(request, reply, 'the request signature is not valid');
      const freshness = checkFreshness(timestamp, deps.now(), deps.maxAgeSeconds);
      if (!freshness.fresh) return refuse(request, reply, freshness.reason);
      if (!(await deps.replays.firstSight(requestFingerprint(timestamp, body), replayMemorySeconds(deps.maxAgeSeconds)))) {
        return refuse(request, reply, 'the request was already received');
      }

      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new SocAgentError('INPUT_INVALID', 'body: not valid JSON', {}, { cause: err });
      }
      const parsed = InteractionSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SocAgentError('INPUT_INVALID', `body.${issue?.path.join('.') || 'type'}: ${issue?.message ?? 'not an interaction this endpoint answers'}`);
      }
      const interaction = parsed.data;
      if (interaction.type === 1) return reply.send(PONG);
      request.log.info({ interactionId: interaction.id, command: interaction.data.name, discordUser: invokerOf(interaction), guild: interaction.guild_id }, 'Discord command');
      return reply.type('application/json; charset=utf-8').send(InteractionResponseSchema.parse(await answerSlashCommand(deps.commands, interaction)));
    });
  };
}
