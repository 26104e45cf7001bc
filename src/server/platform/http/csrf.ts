import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopbackAddress(addr: string | undefined): boolean {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr === '::ffff:127.0.0.1');
}

export function originAllowed(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false;
  const origin = request.headers.origin;
  if (!origin) return fetchSite === 'same-origin';
  let parsed: URL;
  try { parsed = new URL(origin); } catch { return false; }
  if (publicOrigin && parsed.origin === publicOrigin) return true;
  const host = request.headers.host;
  if (host && parsed.host === host) return true;
  // Scripts on the same machine may name the loopback address they dialled, whatever Host they sent.
  const port = request.socket.localPort;
  return LOOPBACK.has(parsed.hostname) && isLoopbackAddress(request.socket.remoteAddress)
    && Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) === port;
}

function hostname(hostHeader: string): string {
  try { return new URL(`http://${hostHeader}`).hostname; } catch { return ''; }
}

/**
 * DNS rebinding defence: a page on attacker.example whose name resolves to our
 * address would be "same-origin" with us. Only host names we are known by are served.
 */
export function installHostCheck(app: FastifyInstance, opts: { publicUrl: string | undefined; listenHost: string }): void {
  const allowed = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (opts.publicUrl) allowed.add(new URL(opts.publicUrl).hostname);
  if (opts.listenHost && opts.listenHost !== '0.0.0.0' && opts.listenHost !== '::') allowed.add(opts.listenHost.includes(':') ? `[${opts.listenHost}]` : opts.listenHost);
  // Listening on every interface without a public URL: we cannot know our names; EXITDESK_PUBLIC_URL should be set.
  const anyHost = !opts.publicUrl && (opts.listenHost === '0.0.0.0' || opts.listenHost === '::');
  app.addHook('onRequest', async (request) => {
    if (anyHost) return;
    const host = request.headers.host;
    if (!host || !allowed.has(hostname(host))) {
      throw new AppError(421, 'unknown_host', 'This server does not answer to that host name. Set EXITDESK_PUBLIC_URL to the address users reach it at.');
    }
  });
}

/** State-changing requests must come from our own origin (SameSite=Strict cookies are the second wall). */
export function installCsrfCheck(app: FastifyInstance, opts: { publicOrigin: string | undefined }): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method)) return;
    if (!originAllowed(request, opts.publicOrigin)) {
      throw new AppError(403, 'cross_origin_refused', 'This request did not come from the Exitdesk app and was refused');
    }
  });
}
