import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record.ts';
import type { AppContext } from '../context.ts';
import { hashToken } from './session-token.ts';
import { findSession, sessionTokenFrom } from './sessions.ts';

/** Turns the session cookie into request.actor (fully signed in) or request.pendingSession (second factor due). */
export function makeSessionLoader(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const session = await findSession(ctx.db, sessionTokenFrom(request, ctx.cookie));
    if (!session) return;
    if (session.stage === 'active') {
      request.actor = { id: session.staffId, role: session.role, name: session.name, sessionIdHash: session.idHash, mfaAt: session.mfaAt };
    } else if (session.stage === 'mfa') {
      request.pendingSession = { idHash: session.idHash, staffId: session.staffId };
    }
  };
}

/** The stored form of the cookie's session token, or null when there is none. */
export function makeSessionIdHash(ctx: AppContext) {
  return (request: FastifyRequest): Buffer | null => {
    const token = sessionTokenFrom(request, ctx.cookie);
    return token && token.length <= 100 ? hashToken(token) : null;
  };
}

export function makeDeniedRecorder(ctx: AppContext) {
  return async (request: FastifyRequest, what: string): Promise<void> => {
    await ctx.db.transaction((tx) => recordAudit(tx, {
      actor: request.actor ? { id: request.actor.id, role: request.actor.role } : null, requestId: request.id,
    }, { action: 'authz.denied', outcome: 'denied', objectType: 'permission', objectId: what }));
  };
}
