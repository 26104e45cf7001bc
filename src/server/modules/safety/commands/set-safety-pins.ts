import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../../platform/auth/password.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { staffSafety } from '../tables.ts';

/** Sets (or clears) the actor's own check-out PIN and duress PIN; the password confirms it is them. */
export async function setSafetyPins(opts: { db: Db; actor: Actor; requestId: string; currentPassword: string; pin: string | null; duressPin: string | null }): Promise<{ pinsSet: boolean }> {
  const stored = (await opts.db.select({ h: staff.passwordHash }).from(staff).where(eq(staff.id, opts.actor.id)))[0]?.h ?? null;
  if (!(await verifyPassword(stored, opts.currentPassword))) throw fieldError(400, 'currentPassword', 'current_password_wrong', 'The current password is not right');
  const [pinHash, duressPinHash] = opts.pin && opts.duressPin ? await Promise.all([hashPassword(opts.pin), hashPassword(opts.duressPin)]) : [null, null];
  await opts.db.transaction(async (tx) => {
    await tx.insert(staffSafety).values({ staffId: opts.actor.id, pinHash, duressPinHash })
      .onConflictDoUpdate({ target: staffSafety.staffId, set: { pinHash, duressPinHash, updatedAt: sql`now()` } });
    await recordAudit(tx, { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId }, { action: pinHash ? 'safety.pins.set' : 'safety.pins.clear', outcome: 'success', objectType: 'staff', objectId: opts.actor.id });
  });
  return { pinsSet: pinHash !== null };
}
