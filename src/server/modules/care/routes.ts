import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { careDueSchema, careRecordSchema, checkupDoneSchema, checkupDueSchema, recordQualificationSchema, recordSessionSchema, staffIdParams } from '../../../contracts/care.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { findStaff } from '../staff/queries.ts';
import { markCheckupDone } from './commands/mark-checkup-done.ts';
import { recordQualification } from './commands/record-qualification.ts';
import { recordSession } from './commands/record-session.ts';
import { setCheckupDue } from './commands/set-checkup-due.ts';
import { carePolicy } from './policy.ts';
import { careDue, careRecordFor } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['staff care'];
const created = z.object({ id: z.string().uuid() });

/** Staff care (C4): annual check-ups (dates only), supervision sessions, trainings and certifications. */
export function careRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }) => ({ db: ctx.db, actor: actorOf(request as never), requestId: request.id });

  r.get('/api/care/staff/:id', {
    config: { access: { permission: 'care:read' } },
    schema: { tags, summary: "A person's care record (their own, or any for managers; session notes only for their author)", params: staffIdParams, response: { 200: careRecordSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const record = await ctx.db.transaction(async (tx) => {
      const person = await findStaff(tx, request.params.id);
      const allowed = !!person && carePolicy.mayRead(actor, request.params.id);
      await recordAudit(tx, { actor: { id: actor.id, role: actor.role }, requestId: request.id }, { action: 'care.read', outcome: allowed ? 'success' : 'denied', objectType: 'staff', objectId: request.params.id });
      return allowed ? careRecordFor(tx, ctx.keyring, actor, request.params.id) : null;
    });
    if (!record) throw notFound();
    return record;
  });

  r.post('/api/care/staff/:id/checkups', {
    config: { access: { permission: 'care:checkups' } },
    schema: { tags, summary: 'Record when the next annual check-up is due (managers)', params: staffIdParams, body: checkupDueSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await setCheckupDue({ ...base(request), staffId: request.params.id, dueOn: request.body.dueOn })));

  r.post('/api/care/checkups/:id/done', {
    config: { access: { permission: 'care:checkups' } },
    schema: { tags, summary: 'Record a check-up as done (the date only); the next falls due a year later', params: staffIdParams, body: checkupDoneSchema, response: { 200: z.object({ nextDueOn: z.string() }), ...errors } },
  }, async (request) => markCheckupDone({ ...base(request), checkupId: request.params.id, doneOn: request.body.doneOn }));

  r.post('/api/care/staff/:id/sessions', {
    config: { access: { permission: 'care:read' } },
    schema: { tags, summary: 'Record my supervision, coaching or safe-space session', params: staffIdParams, body: recordSessionSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await recordSession({ ...base(request), keyring: ctx.keyring, staffId: request.params.id, input: request.body })));

  r.post('/api/care/staff/:id/qualifications', {
    config: { access: { permission: 'care:read' } },
    schema: { tags, summary: 'Record a training or certification (mine, or anyone\'s for managers)', params: staffIdParams, body: recordQualificationSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await recordQualification({ ...base(request), staffId: request.params.id, input: request.body })));

  r.get('/api/care/due', {
    config: { access: { permission: 'care:due' } },
    schema: { tags, summary: 'What needs doing: check-ups due or overdue, certifications expiring or expired (managers)', response: { 200: careDueSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    return ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: { id: actor.id, role: actor.role }, requestId: request.id }, { action: 'care.due.read', outcome: 'success' });
      return careDue(tx);
    });
  });
}
