import { eq, and, ne } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../../platform/auth/password.ts';
import { sessions, staff } from '../../../platform/auth/tables.ts';
import { forgiveAttempt, reserveAttempt, throttleKeys } from '../../../platform/auth/throttle.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { tooManyAttempts } from './login.ts';

/** Needs the current password; ends every other session of the person, keeps this one. */
export async function changePassword(opts: { db: Db; actor: Actor; requestId: string; ip: string; currentPassword: string; newPassword: string }): Promise<void> {
  const { db, actor } = opts;
  const keys = throttleKeys('login', `password-change:${actor.id}`, opts.ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) throw tooManyAttempts(wait);
  const person = (await db.select({ hash: staff.passwordHash }).from(staff).where(eq(staff.id, actor.id)).limit(1))[0];
  const audit = { actor, requestId: opts.requestId };
  if (!person || !(await verifyPassword(person.hash, opts.currentPassword))) {
    await db.transaction((tx) => recordAudit(tx, audit, { action: 'auth.password.change', outcome: 'failure', objectType: 'staff', objectId: actor.id, reason: 'wrong current password' }));
    throw fieldError(400, 'currentPassword', 'current_password_wrong', 'The current password is not right');
  }
  if (opts.currentPassword === opts.newPassword) throw fieldError(400, 'newPassword', 'password_unchanged', 'Choose a password different from the current one');
  const passwordHash = await hashPassword(opts.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, updatedAt: new Date() }).where(eq(staff.id, actor.id));
    await tx.delete(sessions).where(and(eq(sessions.staffId, actor.id), ne(sessions.idHash, actor.sessionIdHash)));
    await recordAudit(tx, audit, { action: 'auth.password.change', outcome: 'success', objectType: 'staff', objectId: actor.id });
  });
  await forgiveAttempt(db, keys);
}
