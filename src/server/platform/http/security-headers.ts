import type { FastifyInstance } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets CSS variables through style attributes; no inline script is allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type HeaderTarget = { header: (k: string, v: string) => unknown; getHeader: (k: string) => unknown };

export function setSecurityHeaders(reply: HeaderTarget, request: { id: string; url: string }, https: boolean): void {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    reply.header('X-Request-Id', request.id);
    if (https) reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    const url = request.url;
    if (url.startsWith('/api') || url.startsWith('/healthz') || !reply.getHeader('cache-control')) {
      reply.header('Cache-Control', 'no-store');
    }
}

/** Applied in onSend so error, 404 and static responses carry them too. */
export function installSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(reply, request, opts.https);
    return payload;
  });
}
