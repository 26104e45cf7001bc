import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { setSecurityHeaders } from '../../platform/http/security-headers.ts';
import { actorOf } from '../../platform/policy/access.ts';

const HEARTBEAT_MS = 25_000;
/** The stream ends after this and the browser reconnects, so a signed-out or disabled session stops receiving. */
const MAX_STREAM_MS = 5 * 60_000;

/**
 * Server-sent events: "something for you changed" (an alert, a notification), with
 * no content; the page refetches through the ordinary, permission-checked routes.
 */
export function liveRoute(app: FastifyInstance, ctx: AppContext): void {
  const open = new Set<() => void>();
  // Streams never end by themselves: close them first, or stopping the server would wait on them.
  app.addHook('preClose', async () => { for (const end of [...open]) end(); });
  app.get('/api/live', {
    config: { access: { signedIn: true } },
    schema: { tags: ['notifications'], summary: 'Live signal stream (text/event-stream): "changed" when my alerts or notifications change; no content' },
  }, async (request, reply) => {
    const actor = actorOf(request);
    if (!ctx.live) throw new AppError(503, 'live_unavailable', 'Live updates are not available right now.');
    setSecurityHeaders(reply as never, request, ctx.cookie.secure);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { ...reply.getHeaders() as Record<string, string>, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    raw.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
    const unsubscribe = ctx.live.subscribe(actor.id, () => raw.write('event: changed\ndata: {}\n\n'));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = setTimeout(() => raw.end(), MAX_STREAM_MS);
    const finish = () => { cleanup(); raw.end(); };
    const cleanup = () => { unsubscribe(); clearInterval(heartbeat); clearTimeout(end); open.delete(finish); };
    open.add(finish);
    raw.on('close', cleanup);
  });
}
