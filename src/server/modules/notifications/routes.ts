import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { notificationSchema, type AppNotification } from '../../../contracts/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { caseScopeFor, caseScopeSql } from '../cases/policy.ts';
import { notifications } from './tables.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The signed-in person's own alerts. The codename is shown only if the reader may see the case. */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/notifications', {
    config: { access: { permission: 'notifications:read' } },
    schema: { tags: ['notifications'], summary: 'My alerts, newest first, with the number unread', response: { 200: z.object({ unread: z.number().int(), notifications: z.array(notificationSchema) }), ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = (await ctx.db.execute<AppNotification>(sql`select n.id, n.kind, n.case_id as "caseId",
        (select c.codename from cases c where c.id = n.case_id and ${caseScopeSql(caseScopeFor(actor), 'c.id')}) as codename,
        st.display_name as "actorName", n.created_at as "createdAt", n.read_at as "readAt"
      from notifications n left join staff st on st.id = n.actor_id
      where n.recipient_id = ${actor.id} order by n.created_at desc limit 50`)).rows;
    // Counted on its own: the list shows the newest 50, the badge must not stop at 50.
    const unread = (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where recipient_id = ${actor.id} and read_at is null`)).rows[0]?.n ?? 0;
    return {
      unread,
      notifications: rows.map((n) => ({ ...n, createdAt: new Date(n.createdAt).toISOString(), readAt: n.readAt ? new Date(n.readAt).toISOString() : null })),
    };
  });

  r.post('/api/notifications/read', {
    config: { access: { permission: 'notifications:read' } },
    schema: { tags: ['notifications'], summary: 'Mark my alerts as read (all, or the given ones)', body: z.strictObject({ ids: z.array(z.string().uuid()).max(100).optional() }), response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const mine = and(eq(notifications.recipientId, actor.id), isNull(notifications.readAt));
    await ctx.db.update(notifications).set({ readAt: new Date() }).where(request.body.ids ? and(mine, inArray(notifications.id, request.body.ids)) : mine);
    return { ok: true as const };
  });
}
