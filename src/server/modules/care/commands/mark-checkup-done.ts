import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { careCommand } from '../care-command.ts';
import { carePolicy } from '../policy.ts';
import { careCheckups } from '../tables.ts';

/** A manager records the check-up as done (the date only) and the next one falls due a year later. */
export async function markCheckupDone(opts: { db: Db; actor: Actor; requestId: string; checkupId: string; doneOn: string }): Promise<{ nextDueOn: string }> {
  const row = (await opts.db.select({ staffId: careCheckups.staffId }).from(careCheckups).where(eq(careCheckups.id, opts.checkupId)))[0];
  if (!row) {
    await opts.db.transaction((tx) => recordAudit(tx, { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId }, { action: 'care.checkup.done', outcome: 'denied', objectType: 'care_checkup', objectId: opts.checkupId, reason: 'not visible' }));
    throw notFound();
  }
  return careCommand({ ...opts, staffId: row.staffId, action: 'care.checkup.done', allowed: carePolicy.mayKeepCheckups(opts.actor) }, async (tx) => {
    const done = await tx.update(careCheckups).set({ doneOn: opts.doneOn }).where(and(eq(careCheckups.id, opts.checkupId), isNull(careCheckups.doneOn))).returning({ id: careCheckups.id });
    if (done.length === 0) throw new AppError(409, 'checkup_already_done', 'This check-up is recorded as done already.');
    const nextDueOn = (await tx.execute<{ d: string }>(sql`select (${opts.doneOn}::date + interval '1 year')::date::text as d`)).rows[0]!.d;
    await tx.insert(careCheckups).values({ id: randomUUID(), staffId: row.staffId, dueOn: nextDueOn, recordedBy: opts.actor.id });
    return { nextDueOn };
  });
}
