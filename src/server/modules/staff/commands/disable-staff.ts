import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { endAllSessionsOf } from '../../../platform/auth/sessions.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { staffPolicy } from '../policy.ts';
import { findStaff } from '../queries.ts';

/** Disables an account and ends its sessions at once, in the same transaction. */
export async function disableStaff(opts: { db: Db; actor: Actor; requestId: string; staffId: string }): Promise<void> {
  const target = await findStaff(opts.db, opts.staffId);
  if (!target) throw notFound();
  if (!staffPolicy.mayDisable(opts.actor, target)) throw forbidden();
  await opts.db.transaction(async (tx) => {
    if (target.role === 'manager') {
      // Serialised with other disables so two managers cannot disable each other at once.
      await tx.execute(sql`select pg_advisory_xact_lock(7303118005)`);
      const left = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from staff where role = 'manager' and disabled_at is null and id <> ${target.id}`)).rows[0]?.n ?? 0;
      if (left === 0) throw new AppError(409, 'last_manager', 'This is the last active manager; the programme would have no one left to lead it.');
    }
    await tx.update(staff).set({ disabledAt: new Date(), updatedAt: new Date() }).where(eq(staff.id, target.id));
    await endAllSessionsOf(tx, target.id);
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'staff.disable', outcome: 'success', objectType: 'staff', objectId: target.id });
  });
}
