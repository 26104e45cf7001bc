import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { AppContext } from '../../platform/context.ts';
import { queues } from '../../platform/jobs/boss.ts';
import { advanceEscalation } from './commands/advance-escalation.ts';
import { deliver } from './commands/deliver.ts';

/** The background work of staff safety, on whichever instance picks each job up. */
export async function registerSafetyWorkers(ctx: AppContext, boss: PgBoss): Promise<void> {
  // Many visits can fall due at once (a team meeting ends): several runs in parallel, each on its own
  // visit's lock. Measured in bench/escalation.ts: one at a time, 100 visits took 5 s per step.
  await boss.work<{ visitId: string }>(queues.escalation.name, { pollingIntervalSeconds: 0.5, batchSize: 5, localConcurrency: 8 }, async (jobs) => {
    for (const job of jobs) await advanceEscalation({ ctx, visitId: job.data.visitId, runId: job.id });
  });
  await boss.work<{ deliveryId: string }, unknown, { pollingIntervalSeconds: number; includeMetadata: true }>(queues.delivery.name, { pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
    for (const job of jobs) {
      const outcome = await deliver({ ctx, deliveryId: job.data.deliveryId, lastTry: job.retryCount >= job.retryLimit });
      // Throwing hands the job back to pg-boss for a retry with back-off.
      if (outcome === 'retry') throw new Error('delivery failed; will retry');
    }
  });
  // The backstop: overdue visits whose next step has no job (lost, or queued before a restore).
  await boss.schedule(queues.sweep.name, '* * * * *');
  await boss.work(queues.sweep.name, async (jobs) => {
    const overdue = (await ctx.db.execute<{ id: string }>(sql`select id from visits where status = 'active' and due_at <= clock_timestamp() and taken_over_for is distinct from due_at`)).rows;
    for (const v of overdue) await advanceEscalation({ ctx, visitId: v.id, runId: jobs[0]?.id ?? 'sweep' });
  });
}
