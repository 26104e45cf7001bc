import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessLogEntrySchema, caseDetailSchema, caseIdParams, caseSummarySchema, createCaseSchema, createNoteSchema, noteSchema, setTeamSchema } from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import { sessionBoundRead } from '../../platform/audit/session-bound-read.ts';
import { createAuditBatcher } from '../../platform/audit/batcher.ts';
import { makeDeniedRecorder } from '../../platform/auth/session-loader.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { addNote } from './commands/add-note.ts';
import { createCase } from './commands/create-case.ts';
import { setTeam } from './commands/set-team.ts';
import { caseActions } from './policy.ts';
import { presentCase, presentNotes } from './presenter.ts';
import { caseAccessSql, visibleCaseNotesSql, visibleCaseSql, visibleCasesSql, type AccessRow, type NoteRow, type VisibleCase } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const audit = createAuditBatcher(ctx.db);
  const recordDenied = makeDeniedRecorder(ctx);
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
    const entry = { action: 'case.list', outcome: 'success', objectType: 'case' } as const;
    const rows = await auditedRead<{ id: string; codename: string; status: string; createdAt: string; myTeamRole: 'lead' | 'member' | null }>(
      ctx.db, { actor, requestId: request.id }, { select: visibleCasesSql(actor, { limit: request.query.limit, search: request.query.q }), entry, whenEmpty: entry });
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
    config: { access: { permission: 'case:read', sessionInStatement: true } },
    schema: {
      tags: ['cases'], summary: 'One case; 404 when it does not exist or the caller is not on its team (the two are indistinguishable)',
      params: caseIdParams, response: { 200: caseDetailSchema, ...errors },
    },
  }, async (request) => {
    const id = request.params.id;
    const { actor, rows: [found] } = await sessionBoundRead<VisibleCase>(ctx.db, request, {
      select: (a) => visibleCaseSql(a, id),
      entry: { action: 'case.read', outcome: 'success', objectType: 'case', objectId: id, caseId: id },
      whenEmpty: { action: 'case.read', outcome: 'denied', objectType: 'case', objectId: id, caseId: id, reason: 'not visible' },
      onDenied: () => recordDenied(request, 'case:read'),
      audit,
    });
    if (!found) throw notFound();
    return presentCase(found, actor.id);
  });

  r.put('/api/cases/:id/team', {
    config: { access: { permission: 'case:team:set' } },
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
    config: { access: { permission: 'case:read', sessionInStatement: true } },
    schema: { tags: ['cases'], summary: 'The notes of a case, newest first', params: caseIdParams, response: { 200: z.object({ notes: z.array(noteSchema) }), ...errors } },
  }, async (request) => {
    const id = request.params.id;
    const { rows: [found] } = await sessionBoundRead<{ id: string; notes: NoteRow[] }>(ctx.db, request, {
      select: (a) => visibleCaseNotesSql(a, id),
      entry: { action: 'case.notes.read', outcome: 'success', objectType: 'case', objectId: id, caseId: id },
      whenEmpty: { action: 'case.notes.read', outcome: 'denied', objectType: 'case', objectId: id, caseId: id, reason: 'not visible' },
      onDenied: () => recordDenied(request, 'case:read'),
      audit,
    });
    if (!found) throw notFound();
    return { notes: await presentNotes(ctx.keyring, found.notes) };
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
    const id = request.params.id;
    if (!caseActions.mayReadAccessLog(actor)) {
      await ctx.db.transaction((tx) => recordAudit(tx, { actor, requestId: request.id }, { action: 'case.access-log.read', outcome: 'denied', objectType: 'case', objectId: id, caseId: id }));
      throw forbidden();
    }
    const [found] = await auditedRead<{ id: string; entries: AccessRow[] }>(ctx.db, { actor, requestId: request.id }, {
      select: caseAccessSql(actor, id, request.query.limit),
      entry: { action: 'case.access-log.read', outcome: 'success', objectType: 'case', objectId: id, caseId: id },
      whenEmpty: { action: 'case.access-log.read', outcome: 'denied', objectType: 'case', objectId: id, caseId: id, reason: 'not visible' },
    });
    if (!found) throw notFound();
    return { entries: found.entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
  });
}
