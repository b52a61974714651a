import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The viewer and the API: no inline script, no plugins, no framing, forms only to this origin. Values in a page
 * come from hostile log data, so even a mistake in escaping must not run script.
 */
const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Bull Board and Swagger UI set inline styles and a `<base>`; script stays limited to their own files. */
const UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

function isThirdPartyUi(url: string): boolean {
  return url === '/queues' || url.startsWith('/queues/') || url === '/docs' || url.startsWith('/docs/');
}

/** Security headers on every response; responses are private and not cached unless a route says otherwise. */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply) => {
      void reply.header('content-security-policy', isThirdPartyUi(request.url) ? UI_CSP : STRICT_CSP);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('x-frame-options', 'DENY');
      void reply.header('referrer-policy', 'no-referrer');
      void reply.header('cross-origin-opener-policy', 'same-origin');
      void reply.header('cross-origin-resource-policy', 'same-origin');
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security-headers' },
);
