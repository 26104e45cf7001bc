import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, fieldError } from '../../../platform/http/errors.ts';
import { safetyPolicy } from '../policy.ts';
import { visitEvents, visits } from '../tables.ts';
import { visitCommand } from '../visit-command.ts';
import { scheduleEscalation } from './advance-escalation.ts';

/** Starts a planned field visit: the timer runs to its planned end. */
export async function startVisit(opts: { ctx: AppContext; actor: Actor; requestId: string; visitId: string }): Promise<{ dueAt: string }> {
  return visitCommand({ ...opts, action: 'visit.start', allowed: (v) => safetyPolicy.mayRunVisit(opts.actor, v) }, async ({ tx, client, visit, audit }) => {
    if (visit.kind !== 'field') throw new AppError(409, 'not_a_field_visit', 'Only field visits have a timer to start.');
    if (visit.status !== 'planned') throw new AppError(409, 'visit_not_planned', 'This visit has already been started or has ended.');
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    const due = new Date(visit.plannedEnd);
    if (due.getTime() <= new Date(now).getTime()) throw fieldError(409, 'plannedEnd', 'end_in_past', 'The planned end has passed: plan the visit again with a new end.');
    await tx.update(visits).set({ status: 'active', startedAt: new Date(now), dueAt: due }).where(eq(visits.id, visit.id));
    await tx.insert(visitEvents).values({ id: randomUUID(), visitId: visit.id, kind: 'started', actorId: opts.actor.id, until: due });
    await audit();
    await scheduleEscalation({ ctx: opts.ctx, client, visitId: visit.id, at: due });
    return { dueAt: due.toISOString() };
  });
}
