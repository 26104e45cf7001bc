import { eq, and, ne } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../../platform/auth/password.ts';
import { sessions, staff } from '../../../platform/auth/tables.ts';
import { startSession } from '../../../platform/auth/sessions.ts';
import { forgiveAttempt, reserveAttempt, throttleKeys, tooManyAttempts } from '../../../platform/auth/throttle.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';

/**
 * Needs the current password, and guesses count against the same throttle as
 * signing in. Ends every other session and issues this one a new id.
 */
export async function changePassword(opts: { db: Db; actor: Actor; requestId: string; ip: string; currentPassword: string; newPassword: string }): Promise<{ sessionToken: string }> {
  const { db, actor } = opts;
  const person = (await db.select({ hash: staff.passwordHash, email: staff.email }).from(staff).where(eq(staff.id, actor.id)).limit(1))[0];
  const keys = throttleKeys('login', person?.email ?? actor.id, opts.ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) throw tooManyAttempts(wait, 'currentPassword');
  const audit = { actor, requestId: opts.requestId };
  if (!person || !(await verifyPassword(person.hash, opts.currentPassword))) {
    await db.transaction((tx) => recordAudit(tx, audit, { action: 'auth.password.change', outcome: 'failure', objectType: 'staff', objectId: actor.id, reason: 'wrong current password' }));
    throw fieldError(400, 'currentPassword', 'current_password_wrong', 'The current password is not right');
  }
  if (opts.currentPassword === opts.newPassword) throw fieldError(400, 'newPassword', 'password_unchanged', 'Choose a password different from the current one');
  const passwordHash = await hashPassword(opts.newPassword);
  const sessionToken = await db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, updatedAt: new Date() }).where(eq(staff.id, actor.id));
    await tx.delete(sessions).where(and(eq(sessions.staffId, actor.id), ne(sessions.idHash, actor.sessionIdHash)));
    await recordAudit(tx, audit, { action: 'auth.password.change', outcome: 'success', objectType: 'staff', objectId: actor.id });
    return startSession(tx, { staffId: actor.id, stage: 'active', replacing: actor.sessionIdHash, mfaAt: actor.mfaAt });
  });
  await forgiveAttempt(db, keys);
  return { sessionToken };
}
