import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { endAllSessionsOf } from '../../../platform/auth/sessions.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { staffPolicy } from '../policy.ts';
import { findStaff } from '../queries.ts';

/** Disables an account and ends its sessions at once, in the same transaction. */
export async function disableStaff(opts: { db: Db; actor: Actor; requestId: string; staffId: string }): Promise<void> {
  const target = await findStaff(opts.db, opts.staffId);
  if (!target) throw notFound();
  if (!staffPolicy.mayDisable(opts.actor, target.id)) throw forbidden();
  await opts.db.transaction(async (tx) => {
    await tx.update(staff).set({ disabledAt: new Date(), updatedAt: new Date() }).where(eq(staff.id, target.id));
    await endAllSessionsOf(tx, target.id);
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'staff.disable', outcome: 'success', objectType: 'staff', objectId: target.id });
  });
}
