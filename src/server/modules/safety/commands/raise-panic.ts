import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { transactionWithClient } from '../../../platform/db/client.ts';
import { raiseAlert } from '../alerts.ts';
import { visits } from '../tables.ts';

/**
 * One button: alerts the managers and the buddy at once. Tied to the worker's
 * running field visit (the given one, else the latest running one) so responders
 * see where they are; works without a visit too.
 */
export async function raisePanic(opts: { ctx: AppContext; actor: Actor; requestId: string; visitId: string | null }): Promise<{ alertId: string; notified: number }> {
  return transactionWithClient(opts.ctx.db, async (tx, client) => {
    const mine = and(eq(visits.staffId, opts.actor.id), eq(visits.status, 'active'));
    const rows = await tx.select({ id: visits.id, buddyId: visits.buddyId }).from(visits)
      .where(opts.visitId ? and(mine, eq(visits.id, opts.visitId)) : mine).orderBy(sql`${visits.startedAt} desc`).limit(1);
    const visit = rows[0] ?? null;
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    const raised = await raiseAlert({
      ctx: opts.ctx, tx, client, audit: { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId },
      kind: 'panic', subject: { staffId: opts.actor.id, visitId: visit?.id ?? null, buddyId: visit?.buddyId ?? null }, stepOf: null, dueAt: new Date(now),
    });
    return { alertId: raised!.alertId, notified: raised!.recipients.length };
  });
}
