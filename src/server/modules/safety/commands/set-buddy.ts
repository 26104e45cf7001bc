import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { staffSafety } from '../tables.ts';

/** The actor's default buddy for field visits (a visit may name another). */
export async function setBuddy(opts: { db: Db; actor: Actor; requestId: string; buddyId: string | null }): Promise<{ buddyId: string | null }> {
  return opts.db.transaction(async (tx) => {
    if (opts.buddyId) {
      const b = await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.id, opts.buddyId), isNull(staff.disabledAt)));
      if (!b[0] || opts.buddyId === opts.actor.id) throw fieldError(400, 'buddyId', 'buddy_unknown', 'Choose an active colleague as buddy');
    }
    await tx.insert(staffSafety).values({ staffId: opts.actor.id, buddyId: opts.buddyId })
      .onConflictDoUpdate({ target: staffSafety.staffId, set: { buddyId: opts.buddyId, updatedAt: sql`now()` } });
    await recordAudit(tx, { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId }, { action: 'safety.buddy.set', outcome: 'success', objectType: 'staff', objectId: opts.actor.id });
    return { buddyId: opts.buddyId };
  });
}
