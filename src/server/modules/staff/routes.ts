import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { createStaffSchema, resetSignInSchema, revealedSchema, revealProtectedSchema, setProtectedSchema, staffSummarySchema } from '../../../contracts/staff.ts';
import { auditCtx, type AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { createStaff } from './commands/create-staff.ts';
import { disableStaff } from './commands/disable-staff.ts';
import { resetSignIn } from './commands/reset-sign-in.ts';
import { revealProtected } from './commands/reveal-protected.ts';
import { setProtected } from './commands/set-protected.ts';
import { presentDirectoryEntry } from './presenter.ts';
import { listStaffDirectory } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const staffIdParams = z.strictObject({ id: z.string().uuid() });

export function staffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/staff', {
    config: { access: { permission: 'staff:list' } },
    schema: { tags: ['staff'], summary: 'Staff directory: real names and roles (never addresses or private phones)', response: { 200: z.object({ staff: z.array(staffSummarySchema) }), ...errors } },
  }, async () => ({ staff: (await listStaffDirectory(ctx.db)).map(presentDirectoryEntry) }));

  r.post('/api/staff', {
    config: { access: { permission: 'staff:create' } },
    schema: { tags: ['staff'], summary: 'Create a staff account; the person sets up two-factor sign-in at first sign-in', body: createStaffSchema, response: { 201: z.object({ id: z.string().uuid() }), ...errors, 409: errorBodySchema } },
  }, async (request, reply) => {
    const { id } = await createStaff({ db: ctx.db, keyring: ctx.keyring, audit: auditCtx(request), actor: actorOf(request), input: request.body });
    return reply.code(201).send({ id });
  });

  r.post('/api/staff/:id/disable', {
    config: { access: { permission: 'staff:disable' } },
    schema: { tags: ['staff'], summary: 'Disable an account and end its sessions immediately', params: staffIdParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
  }, async (request) => {
    await disableStaff({ db: ctx.db, actor: actorOf(request), requestId: request.id, staffId: request.params.id });
    return { ok: true as const };
  });

  r.post('/api/staff/:id/reset-sign-in', {
    config: { access: { permission: 'staff:reset-sign-in' } },
    schema: {
      tags: ['staff'], summary: 'Give a locked-out colleague a new first password (managers, with a reason); two-factor sign-in is set up again at next sign-in',
      params: staffIdParams, body: resetSignInSchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors },
    },
  }, async (request) => {
    await resetSignIn({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, staffId: request.params.id, password: request.body.password, reason: request.body.reason });
    return { ok: true as const };
  });

  r.put('/api/staff/:id/protected', {
    config: { access: { permission: 'staff:protected:write' } },
    schema: { tags: ['staff'], summary: 'Record home address / private phone (encrypted; self, managers, security officer)', params: staffIdParams, body: setProtectedSchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
  }, async (request) => {
    await setProtected({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, staffId: request.params.id, input: request.body });
    return { ok: true as const };
  });

  r.post('/api/staff/:id/protected/reveal', {
    config: { access: { permission: 'staff:protected:reveal' } },
    schema: { tags: ['staff'], summary: 'Reveal one protection field with a reason (audited; self, managers, security officer)', params: staffIdParams, body: revealProtectedSchema, response: { 200: revealedSchema, ...errors } },
  }, async (request) => {
    const value = await revealProtected({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, staffId: request.params.id, field: request.body.field, reason: request.body.reason });
    return { field: request.body.field, value };
  });
}
