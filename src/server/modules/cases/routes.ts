import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  accessLogEntrySchema, caseDetailSchema, caseIdParams, caseListSchema, correctNoteSchema, createCaseSchema, createNoteSchema,
  listCasesQuery, noteParams, noteSchema, timelineEntrySchema, whoKnowsSchema, type AccessBasis,
} from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import { createSessionBoundReader } from '../../platform/audit/session-bound-read.ts';
import { makeDeniedRecorder } from '../../platform/auth/session-loader.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { addNote } from './commands/add-note.ts';
import { correctNote } from './commands/correct-note.ts';
import { createCase } from './commands/create-case.ts';
import { encodeCursor, visibleCasesSql, type CaseListRow } from './list-query.ts';
import { presentCase, presentNotes, presentTimeline } from './presenter.ts';
import { caseAccessSql, timelineSql, visibleCaseNotesSql, visibleCaseSql, whoKnowsSql, type AccessRow, type NoteRow, type TimelineRow, type VisibleCase } from './queries.ts';
import type { CaseFacts } from './policy.ts';
import { openReason, reasonRef } from '../../platform/audit/reasons.ts';

export const caseErrors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const iso = (v: string) => new Date(v).toISOString();
const notVisible = (action: string, id: string) => ({ action, outcome: 'denied', objectType: 'case', objectId: id, caseId: id, reason: 'not visible' }) as const;
/** The access basis the read's own statement computed (see accessBasisSql). */
const basisOfRead = sql`(select basis from r limit 1)`;
const readOf = (action: string, id: string) => ({ action, outcome: 'success', objectType: 'case', objectId: id, caseId: id }) as const;

/** Reading cases: list, one case, notes, timeline, and (managers) who accessed it. */
export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const recordDenied = makeDeniedRecorder(ctx);
  const readCase = createSessionBoundReader<VisibleCase>(ctx.db, {
    permission: 'case:read', action: 'case.read', select: visibleCaseSql, onDenied: (request) => recordDenied(request, 'case:read'),
  });
  const readNotes = createSessionBoundReader<CaseFacts & { id: string; basis: AccessBasis; notes: NoteRow[] }>(ctx.db, {
    permission: 'case:read', action: 'case.notes.read', select: visibleCaseNotesSql, onDenied: (request) => recordDenied(request, 'case:read'),
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/cases', {
    config: { access: { permission: 'case:list' } },
    schema: { tags: ['cases'], summary: 'Cases the signed-in person may see (managers: all; others: their case teams), newest first, one page at a time', querystring: listCasesQuery, response: { 200: caseListSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const entry = { action: 'case.list', outcome: 'success', objectType: 'case' } as const;
    const rows = await auditedRead<CaseListRow>(ctx.db, { actor, requestId: request.id }, { select: visibleCasesSql(actor, request.query), entry, whenEmpty: entry });
    const page = rows.slice(0, request.query.limit);
    return {
      cases: page.map(({ cursorAt: _cursor, ...c }) => ({ ...c, status: c.status as never, createdAt: iso(c.createdAt) })),
      nextCursor: rows.length > request.query.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  });

  r.post('/api/cases', {
    config: { access: { permission: 'case:create' } },
    schema: { tags: ['cases'], summary: 'Record a referral: a new case under a codename in one programme', body: createCaseSchema, response: { 201: z.object({ id: z.string().uuid() }), ...caseErrors, 409: errorBodySchema } },
  }, async (request, reply) => {
    const created = await createCase({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, input: request.body });
    return reply.code(201).send(created);
  });

  r.get('/api/cases/:id', {
    config: { access: { permission: 'case:read', sessionInStatement: true } },
    schema: { tags: ['cases'], summary: 'One case; 404 when it does not exist or the caller may not see it (the two are indistinguishable)', params: caseIdParams, response: { 200: caseDetailSchema, ...caseErrors } },
  }, async (request) => {
    const { actor, row: found } = await readCase(request, request.params.id);
    if (!found) throw notFound();
    return presentCase(ctx.keyring, found, actor);
  });

  r.post('/api/cases/:id/notes', {
    config: { access: { permission: 'case:note:write' } },
    schema: { tags: ['cases'], summary: 'Add a note (encrypted at rest) at a confidentiality level', params: caseIdParams, body: createNoteSchema, response: { 201: z.object({ id: z.string().uuid() }), ...caseErrors } },
  }, async (request, reply) => {
    const created = await addNote({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, caseId: request.params.id, text: request.body.text, level: request.body.level });
    return reply.code(201).send(created);
  });

  r.post('/api/cases/:id/notes/:noteId/corrections', {
    config: { access: { permission: 'case:note:write' } },
    schema: { tags: ['cases'], summary: 'Correct a note: saves the next version, earlier versions stay readable', params: noteParams, body: correctNoteSchema, response: { 201: z.object({ version: z.number().int() }), ...caseErrors, 409: errorBodySchema } },
  }, async (request, reply) => {
    const out = await correctNote({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id, caseId: request.params.id, noteId: request.params.noteId, text: request.body.text, expectedVersion: request.body.expectedVersion });
    return reply.code(201).send(out);
  });

  r.get('/api/cases/:id/notes', {
    config: { access: { permission: 'case:read', sessionInStatement: true } },
    schema: { tags: ['cases'], summary: 'The notes of a case the caller may read at their level, newest first, with earlier versions', params: caseIdParams, response: { 200: z.object({ notes: z.array(noteSchema) }), ...caseErrors } },
  }, async (request) => {
    const { actor, row: found } = await readNotes(request, request.params.id);
    if (!found) throw notFound();
    return { notes: await presentNotes(ctx.keyring, found.notes, actor, found) };
  });

  r.get('/api/cases/:id/timeline', {
    config: { access: { permission: 'case:read' } },
    schema: { tags: ['cases'], summary: 'Everything that happened to the case, in order', params: caseIdParams, response: { 200: z.object({ events: z.array(timelineEntrySchema) }), ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const [found] = await auditedRead<{ id: string; events: TimelineRow[] }>(ctx.db, { actor, requestId: request.id }, {
      select: timelineSql(actor, id), entry: readOf('case.timeline.read', id), whenEmpty: notVisible('case.timeline.read', id), basis: basisOfRead,
    });
    if (!found) throw notFound();
    return { events: await presentTimeline(ctx.keyring, found.events) };
  });

  r.get('/api/cases/:id/access-log', {
    config: { access: { permission: 'case:access-log:read' } },
    schema: {
      tags: ['cases'], summary: 'Every audit entry of this case, newest first (managers)',
      params: caseIdParams, querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ entries: z.array(accessLogEntrySchema) }), ...caseErrors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const [found] = await auditedRead<{ id: string; entries: AccessRow[] }>(ctx.db, { actor, requestId: request.id }, {
      select: caseAccessSql(actor, id, request.query.limit), entry: readOf('case.access-log.read', id), whenEmpty: notVisible('case.access-log.read', id), basis: basisOfRead,
    });
    if (!found) throw notFound();
    // Managers read the reasons people gave; a reason whose text is gone (erased key, deleted row) shows as absent.
    const entries = await Promise.all(found.entries.map(async ({ reasonEnc, ...e }) => ({
      ...e, at: iso(e.at),
      reason: reasonRef(e.reason) ? await openReason(ctx.keyring, e.reason, reasonEnc ? Buffer.from(reasonEnc, 'base64') : null) : e.reason,
    })));
    return { entries };
  });

  r.get('/api/cases/:id/who-knows', {
    config: { access: { permission: 'case:access-log:read' } },
    schema: { tags: ['cases'], summary: 'Who knows what: every person who read or changed the case, when, and on what basis (managers)', params: caseIdParams, response: { 200: whoKnowsSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const [found] = await auditedRead<{ id: string; people: (Omit<z.infer<typeof whoKnowsSchema>['people'][number], 'reads' | 'changes' | 'identityReveals'> & { reads: string; changes: string; identityReveals: string })[] }>(ctx.db, { actor, requestId: request.id }, {
      select: whoKnowsSql(actor, id), entry: readOf('case.who-knows.read', id), whenEmpty: notVisible('case.who-knows.read', id), basis: basisOfRead,
    });
    if (!found) throw notFound();
    return { people: found.people.map((p) => ({ ...p, reads: Number(p.reads), changes: Number(p.changes), identityReveals: Number(p.identityReveals), firstAt: iso(p.firstAt), lastAt: iso(p.lastAt) })) };
  });
}
