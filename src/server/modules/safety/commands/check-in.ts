import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { safetyPolicy } from '../policy.ts';
import { visitEvents, visits } from '../tables.ts';
import { visitCommand, visitNotActive } from '../visit-command.ts';
import { scheduleEscalation } from './advance-escalation.ts';

/**
 * "I'm safe": the worker is due back `extendMinutes` from now. The chain counts
 * from the new time; steps already fired stay on record.
 */
export async function checkIn(opts: { ctx: AppContext; actor: Actor; requestId: string; visitId: string; extendMinutes: number }): Promise<{ dueAt: string }> {
  return visitCommand({ ...opts, action: 'visit.check_in', allowed: (v) => safetyPolicy.mayRunVisit(opts.actor, v) }, async ({ tx, client, visit, audit }) => {
    if (visit.status !== 'active') throw visitNotActive(visit.status);
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    const due = new Date(new Date(now).getTime() + opts.extendMinutes * 60_000);
    await tx.update(visits).set({ dueAt: due }).where(eq(visits.id, visit.id));
    await tx.insert(visitEvents).values({ id: randomUUID(), visitId: visit.id, kind: 'checked_in', actorId: opts.actor.id, until: due });
    await audit();
    await scheduleEscalation({ ctx: opts.ctx, client, visitId: visit.id, at: due });
    return { dueAt: due.toISOString() };
  });
}
