import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import { actorMay, type Permission } from './permissions.ts';

/**
 * Every route states who may call it. A route without a declaration is refused
 * at runtime, and a test walks the route table to catch it before that.
 */
export type Access =
  | { public: string }
  | { mfaStep: true }
  | { signedIn: true }
  | { permission: Permission; sessionInStatement?: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    pendingSession: { idHash: Buffer; staffId: string } | null;
    /** Set for `sessionInStatement` routes: the handler's one statement must check the session and permission. */
    deferredSession: { idHash: Buffer; permission: Permission; verified: boolean } | null;
  }
}

export type SessionLoader = (request: FastifyRequest) => Promise<void>;

export function describeAccess(access: Access | undefined): string {
  if (!access) return 'MISSING';
  if ('public' in access) return `public (${access.public})`;
  if ('mfaStep' in access) return 'second-factor step';
  if ('signedIn' in access) return 'signed in';
  return `permission ${access.permission}${access.sessionInStatement ? ' (session and permission checked inside the read statement)' : ''}`;
}

/** The Actor of a route declared as signed-in or permission-guarded. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function installAccessControl(app: FastifyInstance, deps: { loadSession: SessionLoader; onDenied: (request: FastifyRequest, what: string) => Promise<void>; sessionIdHash: (request: FastifyRequest) => Buffer | null }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('pendingSession', null);
  app.decorateRequest('deferredSession', null);
  // Fail closed: on a deferred-session route, only the refusals of the checking statement itself
  // (401, 403) or an error may go out unless the session was verified. onSend sees every payload
  // type (objects, strings, buffers, streams) and every status.
  app.addHook('onSend', async (request, reply, payload) => {
    const d = request.deferredSession;
    if (d && !d.verified && ![401, 403, 500, 503].includes(reply.statusCode)) {
      request.log.error({ route: request.routeOptions.url }, 'deferred session was never verified; refusing to answer');
      reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify({ error: { code: 'internal', message: 'Something went wrong' }, correlationId: request.id });
    }
    return payload;
  });
  app.addHook('preHandler', async (request) => {
    // Fastify's not-found handler has no route config; it only ever answers 404.
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!access) {
      request.log.error({ route: request.routeOptions.url }, 'route has no access declaration; refusing');
      throw forbidden();
    }
    if ('public' in access) return;
    if ('permission' in access && access.sessionInStatement) {
      // One round trip instead of two: the handler's statement validates the session and the permission itself.
      const idHash = deps.sessionIdHash(request);
      if (!idHash) throw unauthenticated();
      request.deferredSession = { idHash, permission: access.permission, verified: false };
      return;
    }
    await deps.loadSession(request);
    if ('mfaStep' in access) {
      if (!request.pendingSession) throw new AppError(401, 'mfa_session_expired', 'Your sign-in has expired. Please sign in again.');
      return;
    }
    if (!request.actor) throw unauthenticated();
    if ('permission' in access && !actorMay(request.actor, access.permission)) {
      await deps.onDenied(request, access.permission);
      throw forbidden();
    }
  });
}
