import { eq } from 'drizzle-orm';
import { verifyPassword } from '../../../platform/auth/password.ts';
import { startSession } from '../../../platform/auth/sessions.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { forgiveAttempt, reserveAttempt, throttleKeys, tooManyAttempts } from '../../../platform/auth/throttle.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/http/errors.ts';

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The e-mail address or the password is not right.');

/**
 * First factor. Unknown e-mail, wrong password and disabled account all answer
 * the same, after the same argon2 work, and all count toward the throttle.
 */
export async function login(opts: { db: Db; email: string; password: string; ip: string; requestId: string }): Promise<{ sessionToken: string; next: 'mfa' | 'enrol' }> {
  const { db } = opts;
  const keys = throttleKeys('login', opts.email, opts.ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) {
    await db.transaction((tx) => recordAudit(tx, { actor: null, requestId: opts.requestId }, { action: 'auth.login', outcome: 'denied', reason: 'throttled' }));
    throw tooManyAttempts(wait, 'email');
  }
  const found = (await db.select().from(staff).where(eq(staff.email, opts.email)).limit(1))[0] ?? null;
  const passwordOk = await verifyPassword(found?.passwordHash ?? null, opts.password);
  if (!found || !passwordOk || found.disabledAt) {
    await db.transaction((tx) => recordAudit(tx, { actor: null, requestId: opts.requestId }, {
      action: 'auth.login', outcome: 'failure', objectType: found ? 'staff' : undefined, objectId: found?.id,
      reason: !found ? 'unknown account' : found.disabledAt ? 'account disabled' : 'wrong password',
    }));
    throw invalidCredentials();
  }
  await forgiveAttempt(db, keys);
  return db.transaction(async (tx) => {
    await recordAudit(tx, { actor: { id: found.id, role: found.role }, requestId: opts.requestId }, { action: 'auth.login', outcome: 'success', objectType: 'staff', objectId: found.id, reason: 'password accepted; second factor pending' });
    const sessionToken = await startSession(tx, { staffId: found.id, stage: 'mfa' });
    return { sessionToken, next: found.totpSecretEnc ? 'mfa' as const : 'enrol' as const };
  });
}
