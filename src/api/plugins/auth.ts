import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { SocAgentError } from '../../domain/errors.js';
import type { Credentials } from '../credentials.js';
import { sendError } from './error-handler.js';

export const SESSION_COOKIE = 'soc_session';

/** How a request proved who it is. A session (browser cookie) carries its CSRF token for the pages it renders. */
export type RequestAuth = { via: 'bearer' } | { via: 'session'; session: string; csrfToken: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Served without a token: health probes, the login page, the viewer's stylesheet, and Discord's interactions
     * endpoint, which authenticates each request by its Ed25519 signature instead.
     */
    public?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

export interface AuthOptions {
  credentials: Credentials;
  cookieSecret: string;
  now: () => Date;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer ([\x21-\x7E]{1,512})$/;

/** A browser asking for a page is sent to the login form; anything else gets a 401. */
function wantsPage(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

function isBullBoard(url: string): boolean {
  return url === '/queues' || url.startsWith('/queues/') || url.startsWith('/queues?');
}

/** A path of this site: one slash, then printable ASCII; `//host` and `/\\host` would lead to another origin. */
const LOCAL_PATH = /^\/(?![/\\])[\x21-\x7E]{0,500}$/;

/** Where a login leads back to. */
export const NextPathSchema = z.string().regex(LOCAL_PATH, { message: 'expected a path of this site' });

/** The page a login should lead back to: a path of this site, never another origin. */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && LOCAL_PATH.test(next) ? next : '/ui/reports';
}

function sameOrigin(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'same-origin') return true;
  const origin = request.headers.origin;
  return typeof origin === 'string' && origin === `${request.protocol}://${request.host}`;
}

function csrfCandidate(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string') return body._csrf;
  return undefined;
}

/**
 * Every route needs a bearer token from API_TOKEN or a browser session opened with one, except routes marked
 * `config.public`. Unknown routes too, so their absence reveals nothing. A state-changing request made with a
 * session must prove it came from our own pages: a CSRF token (forms, `X-CSRF-Token`), or for Bull Board, whose
 * client cannot send one, a same-origin `Origin`/`Sec-Fetch-Site`.
 */
export const authPlugin = fp<AuthOptions>(
  async (app: FastifyInstance, options) => {
    const { credentials } = options;
    await app.register(fastifyCookie, { secret: options.cookieSecret, hook: 'onRequest' });
    app.decorateRequest('auth', null);

    const refuse = (request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply =>
      sendError(request, reply.header('www-authenticate', 'Bearer realm="soc-agent"'), new SocAgentError('UNAUTHENTICATED', message));

    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.public === true) return;
      const header = request.headers.authorization;
      if (header !== undefined) {
        const token = BEARER.exec(header)?.[1];
        if (token === undefined || !credentials.verifyToken(token)) return refuse(request, reply, 'the bearer token is not valid');
        request.auth = { via: 'bearer' };
        return;
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie !== undefined) {
        const unsigned = request.unsignCookie(cookie);
        if (unsigned.valid && unsigned.value !== null && credentials.verifySession(unsigned.value, options.now())) {
          request.auth = { via: 'session', session: unsigned.value, csrfToken: credentials.csrfToken(unsigned.value) };
          return;
        }
      }
      if (wantsPage(request)) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      return refuse(request, reply, 'send Authorization: Bearer <token> (a token from API_TOKEN)');
    });

    app.addHook('preValidation', async (request, reply) => {
      const auth = request.auth;
      if (auth?.via !== 'session' || SAFE_METHODS.has(request.method)) return;
      if (isBullBoard(request.url)) {
        if (!sameOrigin(request)) return sendError(request, reply, new SocAgentError('FORBIDDEN', 'a request from another origin may not change the queues'));
        return;
      }
      const candidate = csrfCandidate(request);
      if (candidate === undefined || !credentials.verifyCsrfToken(auth.session, candidate)) {
        return sendError(request, reply, new SocAgentError('FORBIDDEN', 'the form is stale or did not come from this site; reload the page and try again'));
      }
    });
  },
  { name: 'auth' },
);
