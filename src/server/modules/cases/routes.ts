import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessLogEntrySchema, caseDetailSchema, caseIdParams, caseSummarySchema, createCaseSchema, createNoteSchema, noteSchema, setTeamSchema } from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { addNote } from './commands/add-note.ts';
import { createCase } from './commands/create-case.ts';
import { setTeam } from './commands/set-team.ts';
import { caseActions } from './policy.ts';
import { presentCase, presentNotes } from './presenter.ts';
import { findVisibleCase, listCaseAccess, listNoteRows, listVisibleCases } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/cases', {
    config: { access: { permission: 'case:list' } },
    schema: {
      tags: ['cases'], summary: 'Cases the signed-in person may see (managers: all; others: their case teams)',
      querystring: z.strictObject({ q: z.string().trim().max(60).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ cases: z.array(caseSummarySchema) }), ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = await ctx.db.transaction(async (tx) => {
      await recordAudit(tx, { actor, requestId: request.id }, { action: 'case.list', outcome: 'success', objectType: 'case' });
      return listVisibleCases(tx, actor, { limit: request.query.limit, search: request.query.q });
    });
    return { cases: rows.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString() })) };
  });

  r.post('/api/cases', {
    config: { access: { permission: 'case:create' } },
    schema: { tags: ['cases'], summary: 'Open a case under a codename', body: createCaseSchema, response: { 201: z.object({ id: z.string().uuid() }), ...errors, 409: errorBodySchema } },
  }, async (request, reply) => {
    const created = await createCase({ db: ctx.db, actor: actorOf(request), requestId: request.id, codename: request.body.codename });
    return reply.code(201).send(created);
  });

  r.get('/api/cases/:id', {
    config: { access: { permission: 'case:read' } },
    schema: {
      tags: ['cases'], summary: 'One case; 404 when it does not exist or the caller is not on its team (the two are indistinguishable)',
      params: caseIdParams, response: { 200: caseDetailSchema, ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const found = await ctx.db.transaction(async (tx) => {
      const c = await findVisibleCase(tx, actor, request.params.id);
      await recordAudit(tx, { actor, requestId: request.id }, c
        ? { action: 'case.read', outcome: 'success', objectType: 'case', objectId: c.id, caseId: c.id }
        : { action: 'case.read', outcome: 'denied', objectType: 'case', objectId: request.params.id, reason: 'not visible' });
      return c;
    });
    if (!found) throw notFound();
    return presentCase(found, actor.id);
  });

  r.put('/api/cases/:id/team', {
    config: { access: { permission: 'case:read' } },
    schema: { tags: ['cases'], summary: 'Replace the case team (managers)', params: caseIdParams, body: setTeamSchema, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
  }, async (request) => {
    await setTeam({ db: ctx.db, actor: actorOf(request), requestId: request.id, caseId: request.params.id, members: request.body.members });
    return { ok: true as const };
  });

  r.post('/api/cases/:id/notes', {
    config: { access: { permission: 'case:note:write' } },
    schema: { tags: ['cases'], summary: 'Add a note (encrypted at rest)', params: caseIdParams, body: createNoteSchema, response: { 201: z.object({ id: z.string().uuid() }), ...errors } },
  }, async (request, reply) => {
    const created = await addNote({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, caseId: request.params.id, text: request.body.text });
    return reply.code(201).send(created);
  });

  r.get('/api/cases/:id/notes', {
    config: { access: { permission: 'case:read' } },
    schema: { tags: ['cases'], summary: 'The notes of a case, newest first', params: caseIdParams, response: { 200: z.object({ notes: z.array(noteSchema) }), ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = await ctx.db.transaction(async (tx) => {
      const c = await findVisibleCase(tx, actor, request.params.id);
      if (!c) {
        await recordAudit(tx, { actor, requestId: request.id }, { action: 'case.notes.read', outcome: 'denied', objectType: 'case', objectId: request.params.id, reason: 'not visible' });
        return null;
      }
      await recordAudit(tx, { actor, requestId: request.id }, { action: 'case.notes.read', outcome: 'success', objectType: 'case', objectId: c.id, caseId: c.id });
      return listNoteRows(tx, c.id);
    });
    if (!rows) throw notFound();
    return { notes: await presentNotes(ctx.keyring, rows) };
  });

  r.get('/api/cases/:id/access-log', {
    config: { access: { permission: 'case:access-log:read' } },
    schema: {
      tags: ['cases'], summary: 'Who read or changed this case, newest first (managers)',
      params: caseIdParams, querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ entries: z.array(accessLogEntrySchema) }), ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const entries = await ctx.db.transaction(async (tx) => {
      const c = await findVisibleCase(tx, actor, request.params.id);
      if (!c || !caseActions.mayReadAccessLog(actor)) {
        await recordAudit(tx, { actor, requestId: request.id }, { action: 'case.access-log.read', outcome: 'denied', objectType: 'case', objectId: request.params.id });
        return c ? 'forbidden' as const : null;
      }
      // Recorded before reading, so the log shows its own reading too.
      await recordAudit(tx, { actor, requestId: request.id }, { action: 'case.access-log.read', outcome: 'success', objectType: 'case', objectId: c.id, caseId: c.id });
      return listCaseAccess(tx, c.id, request.query.limit);
    });
    if (entries === null) throw notFound();
    if (entries === 'forbidden') throw forbidden();
    return { entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
  });
}
