import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { EscalationStep } from '../../../../contracts/safety.ts';
import type { AppContext } from '../../../platform/context.ts';
import { transactionWithClient } from '../../../platform/db/client.ts';
import { onConnection, queues } from '../../../platform/jobs/boss.ts';
import { raiseAlert } from '../alerts.ts';
import { chainState } from '../chain.ts';
import { chainFor } from '../chain-config.ts';
import { visits } from '../tables.ts';

/**
 * Fires the chain steps of one visit that are due by `now` (the database's clock
 * unless a test gives one) and queues the job for the next step in the same
 * transaction. Safe to run any number of times, from any instance, concurrently:
 * the visit row is locked, and each step can exist only once.
 */
export async function advanceEscalation(opts: { ctx: AppContext; visitId: string; now?: Date; runId: string }): Promise<{ fired: EscalationStep[]; next: Date | null }> {
  return transactionWithClient(opts.ctx.db, async (tx, client) => {
    const rows = await tx.select().from(visits).where(eq(visits.id, opts.visitId)).for('update');
    const v = rows[0];
    if (!v || v.status !== 'active' || !v.dueAt) return { fired: [], next: null };
    // Someone has taken over this due time's chain: nothing more to fire for it.
    if (v.takenOverFor && new Date(v.takenOverFor).getTime() === new Date(v.dueAt).getTime()) return { fired: [], next: null };
    const now = opts.now ?? (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    const chain = await chainFor(tx, v.caseId);
    const { due, next } = chainState(chain, new Date(v.dueAt), new Date(now));
    const fired: EscalationStep[] = [];
    for (const step of due) {
      const raised = await raiseAlert({
        ctx: opts.ctx, tx, client, audit: { actor: null, requestId: opts.runId },
        kind: step.step, subject: { staffId: v.staffId, visitId: v.id, buddyId: v.buddyId }, stepOf: v.dueAt, dueAt: step.at,
      });
      if (raised) fired.push(step.step);
    }
    if (next) await scheduleEscalation({ ctx: opts.ctx, client, visitId: v.id, at: next });
    return { fired, next };
  });
}

/** A job id derived from the visit and the time: queueing the same run twice adds nothing. */
export function escalationJobId(visitId: string, at: Date): string {
  const h = createHash('sha256').update(`escalation:${visitId}:${at.toISOString()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Queues a run of `advanceEscalation` for `at`, on the caller's transaction. The sweep,
 * retries and check-ins may ask for the same run again; its fixed id makes that a no-op.
 */
export async function scheduleEscalation(opts: { ctx: AppContext; client: import('pg').PoolClient; visitId: string; at: Date }): Promise<void> {
  if (!opts.ctx.jobs) return;
  await opts.ctx.jobs.send(queues.escalation.name, { visitId: opts.visitId }, { id: escalationJobId(opts.visitId, opts.at), startAfter: opts.at, db: onConnection(opts.client) });
}
