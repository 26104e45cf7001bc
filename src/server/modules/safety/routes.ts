import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contracts/errors.ts';
import {
  alertSchema, boardSchema, checkInSchema, checkOutSchema, defaultEscalation, deliverySchema, escalationSchema, panicSchema,
  planVisitSchema, safetyPinsSchema, visitDetailSchema, visitIdParams, type Escalation,
} from '../../../contracts/safety.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { acknowledgeAlert } from './commands/acknowledge-alert.ts';
import { checkIn } from './commands/check-in.ts';
import { checkOut } from './commands/check-out.ts';
import { planVisit } from './commands/plan-visit.ts';
import { raisePanic } from './commands/raise-panic.ts';
import { setBuddy } from './commands/set-buddy.ts';
import { setEscalation } from './commands/set-escalation.ts';
import { setSafetyPins } from './commands/set-safety-pins.ts';
import { startVisit } from './commands/start-visit.ts';
import { alertsFor, auditDetailsShown, boardFor, findVisibleVisit, openAlertCount } from './queries.ts';
import { escalationChains, staffSafety } from './tables.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['staff safety'];

/** Whereabouts, the lone-worker timer, panic and duress, alerts and their escalation (C4). */
export function safetyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }) => ({ ctx, actor: actorOf(request as never), requestId: request.id });

  r.get('/api/safety/board', {
    config: { access: { permission: 'safety:board' } },
    schema: {
      tags, summary: 'The whereabouts board for a day: details only where the reader may see them',
      description: "`date` is the reader's calendar day (default: today in UTC); `tzOffsetMinutes` is the browser's `getTimezoneOffset()`, so the day runs from the reader's midnight to midnight.",
      querystring: z.strictObject({ date: z.iso.date().optional(), tzOffsetMinutes: z.coerce.number().int().min(-840).max(840).default(0) }), response: { 200: boardSchema, ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const date = request.query.date ?? new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${date}T00:00:00Z`) + request.query.tzOffsetMinutes * 60_000);
    const to = new Date(from.getTime() + 86_400_000);
    return ctx.db.transaction(async (tx) => {
      const board = await boardFor(tx, ctx.keyring, actor, { from, to });
      await recordAudit(tx, { actor: { id: actor.id, role: actor.role }, requestId: request.id }, { action: 'safety.board.read', outcome: 'success' });
      await auditDetailsShown(tx, actor, request.id, board.entries.filter((e) => e.detail).map((e) => ({ visitId: e.id, staffId: e.staffId, caseId: e.detail!.caseId })));
      return { date, ...board };
    });
  });

  r.post('/api/safety/visits', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'Record where I will be; a field visit can start its timer at once', body: planVisitSchema, response: { 201: z.object({ id: z.string().uuid() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await planVisit({ ...base(request), input: request.body })));

  r.get('/api/safety/visits/:id', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'One visit with its timeline (404 unless its details are yours to see)', params: visitIdParams, response: { 200: visitDetailSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const audit = { actor: { id: actor.id, role: actor.role }, requestId: request.id };
    const found = await ctx.db.transaction(async (tx) => {
      const v = await findVisibleVisit(tx, ctx.keyring, actor, request.params.id);
      await recordAudit(tx, audit, { action: 'visit.read', outcome: v ? 'success' : 'denied', objectType: 'visit', objectId: request.params.id, ...(v?.detail?.caseId ? { caseId: v.detail.caseId } : {}) });
      return v;
    });
    if (!found) throw notFound();
    return found;
  });

  r.post('/api/safety/visits/:id/start', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'Start a planned field visit (its timer runs to the planned end)', params: visitIdParams, response: { 200: z.object({ dueAt: z.string() }), ...errors } },
  }, async (request) => startVisit({ ...base(request), visitId: request.params.id }));

  r.post('/api/safety/visits/:id/check-in', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: "I'm safe: due back the given minutes from now", params: visitIdParams, body: checkInSchema, response: { 200: z.object({ dueAt: z.string() }), ...errors } },
  }, async (request) => checkIn({ ...base(request), visitId: request.params.id, extendMinutes: request.body.extendMinutes }));

  r.post('/api/safety/visits/:id/check-out', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'End the visit (with the check-out PIN when one is set)', params: visitIdParams, body: checkOutSchema, response: { 200: z.object({ status: z.literal('checked_out'), checkedOutAt: z.string() }), ...errors } },
  }, async (request) => checkOut({ ...base(request), visitId: request.params.id, pin: request.body.pin }));

  r.post('/api/safety/panic', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'Panic alert to the managers and the buddy, now', body: panicSchema, response: { 200: z.object({ alertId: z.string().uuid(), notified: z.number().int() }), ...errors } },
  }, async (request) => raisePanic({ ...base(request), visitId: request.body.visitId }));

  r.get('/api/safety/alerts', {
    config: { access: { permission: 'safety:alerts' } },
    schema: { tags, summary: 'Alerts sent to me (managers: all of the last week), open ones first', response: { 200: z.object({ alerts: z.array(alertSchema) }), ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    return ctx.db.transaction(async (tx) => {
      const alerts = await alertsFor(tx, ctx.keyring, actor);
      await recordAudit(tx, { actor: { id: actor.id, role: actor.role }, requestId: request.id }, { action: 'safety.alerts.read', outcome: 'success' });
      await auditDetailsShown(tx, actor, request.id, alerts.filter((a) => a.visit && a.visitId).map((a) => ({ visitId: a.visitId!, staffId: a.staffId, caseId: a.visit!.caseId })));
      return { alerts: alerts.map(({ visit, ...a }) => ({ ...a, visit: visit ? { purpose: visit.purpose, location: visit.location, codename: visit.codename, dueAt: visit.dueAt } : null })) };
    });
  });

  r.get('/api/safety/alerts/open', {
    config: { access: { permission: 'safety:alerts' } },
    schema: { tags, summary: 'How many alerts wait for someone to take them over (for the navigation badge; no details)', response: { 200: z.object({ open: z.number().int() }), ...errors } },
  }, async (request) => ({ open: await openAlertCount(ctx.db, actorOf(request)) }));

  r.post('/api/safety/alerts/:id/acknowledge', {
    config: { access: { permission: 'safety:alerts' } },
    schema: { tags, summary: 'Take the alert over: stops the escalation chain and records who responds', params: visitIdParams, response: { 200: z.object({ acknowledgedAt: z.string() }), ...errors } },
  }, async (request) => acknowledgeAlert({ ...base(request), alertId: request.params.id }));

  r.get('/api/safety/settings', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'My buddy and whether my check-out PINs are set', response: { 200: z.object({ buddyId: z.string().uuid().nullable(), pinsSet: z.boolean() }), ...errors } },
  }, async (request) => {
    const row = (await ctx.db.select().from(staffSafety).where(eq(staffSafety.staffId, actorOf(request).id)))[0];
    return { buddyId: row?.buddyId ?? null, pinsSet: !!row?.pinHash };
  });

  r.put('/api/safety/settings/buddy', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'Set my default buddy', body: z.strictObject({ buddyId: z.string().uuid().nullable() }), response: { 200: z.object({ buddyId: z.string().uuid().nullable() }), ...errors } },
  }, async (request) => setBuddy({ db: ctx.db, actor: actorOf(request), requestId: request.id, buddyId: request.body.buddyId }));

  r.put('/api/safety/settings/pins', {
    config: { access: { permission: 'safety:visit' } },
    schema: { tags, summary: 'Set or clear my check-out PIN and duress PIN (confirmed with my password)', body: safetyPinsSchema, response: { 200: z.object({ pinsSet: z.boolean() }), ...errors } },
  }, async (request) => setSafetyPins({ db: ctx.db, actor: actorOf(request), requestId: request.id, ...request.body }));

  r.get('/api/safety/escalation', {
    config: { access: { permission: 'safety:alerts' } },
    schema: { tags, summary: 'The escalation chains: the organisation default and any per programme', response: { 200: z.object({ chains: z.array(z.object({ scope: z.string(), config: escalationSchema })) }), ...errors } },
  }, async () => {
    const rows = await ctx.db.select({ scope: escalationChains.scope, config: escalationChains.config }).from(escalationChains).orderBy(sql`scope <> 'default', scope`);
    const chains: { scope: string; config: Escalation }[] = rows.some((c) => c.scope === 'default') ? rows : [{ scope: 'default', config: defaultEscalation }, ...rows];
    return { chains };
  });

  r.put('/api/safety/escalation/:scope', {
    config: { access: { permission: 'safety:escalation:write' } },
    schema: { tags, summary: "Set the organisation's chain ('default') or a programme's", params: z.strictObject({ scope: z.union([z.literal('default'), z.string().uuid()]) }), body: escalationSchema, response: { 200: escalationSchema, ...errors } },
  }, async (request) => setEscalation({ db: ctx.db, actor: actorOf(request), requestId: request.id, scope: request.params.scope, config: request.body }));

  r.get('/api/safety/deliveries', {
    config: { access: { permission: 'safety:deliveries:read' } },
    schema: { tags, summary: 'Outgoing alert messages that failed or are still being retried', response: { 200: z.object({ deliveries: z.array(deliverySchema) }), ...errors } },
  }, async (request) => {
    const rows = (await ctx.db.execute<{ id: string; channel: string; recipientName: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastError: string | null; createdAt: Date; sentAt: Date | null }>(sql`
      select d.id, d.channel, s.display_name as "recipientName", d.status, d.attempts, d.last_error as "lastError", d.created_at as "createdAt", d.sent_at as "sentAt"
      from deliveries d join staff s on s.id = d.recipient_id
      where (d.status <> 'sent' or d.attempts > 1)
        -- A manager never learns of a silent alarm about themself, not even from its messages.
        and not exists (select 1 from notifications n join safety_alerts a on a.id = n.alert_id
          where n.id = d.notification_id and a.kind = 'duress' and a.staff_id = ${actorOf(request).id})
      order by d.created_at desc limit 100`)).rows;
    return { deliveries: rows.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString(), sentAt: d.sentAt ? new Date(d.sentAt).toISOString() : null })) };
  });
}
