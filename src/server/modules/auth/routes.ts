import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordSchema, enrolmentSchema, loginResultSchema, loginSchema, meSchema, mfaResultSchema, mfaSchema } from '../../../contracts/auth.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { clearSessionCookie, endSession, findSession, sessionTokenFrom, setSessionCookie } from '../../platform/auth/sessions.ts';
import { organisation, staff } from '../../platform/auth/tables.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { beginEnrolment } from './commands/begin-enrolment.ts';
import { login } from './commands/login.ts';
import { verifyMfa } from './commands/verify-mfa.ts';
import { changePassword } from './commands/change-password.ts';
import { confirmMfa } from './commands/confirm-mfa.ts';
import { confirmMfaSchema } from '../../../contracts/identity.ts';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema };

  r.post('/api/auth/login', {
    config: { access: { public: 'first sign-in factor' } },
    schema: {
      tags: ['auth'], summary: 'Sign in, step 1: e-mail and password',
      description: 'On success sets the session cookie and answers which second step follows: `mfa` (enter a code) or `enrol` (first sign-in: set up the authenticator app). Scripts must send an `Origin` header equal to the address they call.',
      body: loginSchema, response: { 200: loginResultSchema, ...errors },
    },
  }, async (request, reply) => {
    const result = await login({ db: ctx.db, email: request.body.email, password: request.body.password, ip: request.ip, requestId: request.id });
    setSessionCookie(reply, ctx.cookie, result.sessionToken);
    return { next: result.next };
  });

  r.get('/api/auth/mfa/enrolment', {
    config: { access: { mfaStep: true } },
    schema: { tags: ['auth'], summary: 'First sign-in: get the authenticator secret to scan', response: { 200: enrolmentSchema, 401: errorBodySchema, 409: errorBodySchema } },
  }, async (request) => {
    const pending = request.pendingSession!;
    return beginEnrolment({ db: ctx.db, keyring: ctx.keyring, idHash: pending.idHash, staffId: pending.staffId, issuer: 'Exitdesk' });
  });

  r.post('/api/auth/mfa', {
    config: { access: { mfaStep: true } },
    schema: {
      tags: ['auth'], summary: 'Sign in, step 2: a 6-digit code or a recovery code',
      description: 'Completes sign-in and rotates the session cookie. On first sign-in this confirms enrolment and returns the one-time recovery codes.',
      body: mfaSchema, response: { 200: mfaResultSchema, ...errors, 409: errorBodySchema },
    },
  }, async (request, reply) => {
    const pending = request.pendingSession!;
    const result = await verifyMfa({ db: ctx.db, keyring: ctx.keyring, idHash: pending.idHash, staffId: pending.staffId, input: request.body, ip: request.ip, requestId: request.id });
    setSessionCookie(reply, ctx.cookie, result.sessionToken);
    return result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {};
  });

  r.post('/api/auth/logout', {
    config: { access: { public: 'ends whatever session the cookie names, if any' } },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server', response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request, reply) => {
    const session = await findSession(ctx.db, sessionTokenFrom(request, ctx.cookie));
    if (session) {
      await ctx.db.transaction(async (tx) => {
        await endSession(tx, session.idHash);
        await recordAudit(tx, { actor: { id: session.staffId, role: session.role }, requestId: request.id }, { action: 'auth.logout', outcome: 'success', objectType: 'staff', objectId: session.staffId });
      });
    }
    clearSessionCookie(reply, ctx.cookie);
    return { ok: true as const };
  });

  r.post('/api/auth/password', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['auth'], summary: 'Change your own password (needs the current one); your other sessions end',
      body: changePasswordSchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors },
    },
  }, async (request, reply) => {
    const { sessionToken } = await changePassword({ db: ctx.db, actor: actorOf(request), requestId: request.id, ip: request.ip, ...request.body });
    setSessionCookie(reply, ctx.cookie, sessionToken);
    return { ok: true as const };
  });

  r.post('/api/auth/confirm', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['auth'], summary: 'Confirm with a fresh authenticator code before a sensitive step (valid 5 minutes)',
      body: confirmMfaSchema, response: { 200: z.object({ confirmedAt: z.string() }), ...errors, 409: errorBodySchema },
    },
  }, async (request) => confirmMfa({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), code: request.body.code, ip: request.ip, requestId: request.id }));

  r.get('/api/auth/me', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'The signed-in staff member', response: { 200: meSchema, 401: errorBodySchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const org = (await ctx.db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, 1)).limit(1))[0];
    const me = (await ctx.db.select({ email: staff.email }).from(staff).where(eq(staff.id, actor.id)).limit(1))[0];
    return { id: actor.id, name: actor.name, email: me?.email ?? '', role: actor.role, organisation: org?.name ?? '' };
  });
}
