import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { sessions, staff } from '../../../platform/auth/tables.ts';
import { forgiveAttempt, reserveAttempt, throttleKeys, tooManyAttempts } from '../../../platform/auth/throttle.ts';
import { totpStep } from '../../../platform/auth/totp.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { staffTotpPlace } from './verify-mfa.ts';

const wrong = (code: string, message: string) => new AppError(401, code, message, [{ path: 'code', code, message }]);

/**
 * Step-up: a signed-in person gives a fresh authenticator code before a
 * sensitive step (revealing a sealed identity). It shares the sign-in throttle
 * and the one-use-per-time-step rule, and stamps the session's mfa_at.
 */
export async function confirmMfa(opts: { db: Db; keyring: Keyring; actor: Actor; code: string; ip: string; requestId: string }): Promise<{ confirmedAt: string }> {
  const keys = throttleKeys('mfa', opts.actor.id, opts.ip);
  const wait = await reserveAttempt(opts.db, keys);
  if (wait > 0) throw tooManyAttempts(wait, 'code');
  const audit = { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId };
  const person = (await opts.db.select({ secret: staff.totpSecretEnc }).from(staff).where(eq(staff.id, opts.actor.id)).limit(1))[0];
  if (!person?.secret) throw new AppError(409, 'mfa_not_enrolled', 'Two-factor sign-in is not set up for this account.');
  const secret = await opts.keyring.decrypt(staffTotpPlace(opts.actor.id), person.secret);
  const step = totpStep(secret, opts.code);
  const outcome = await opts.db.transaction(async (tx) => {
    if (step === null) return 'wrong' as const;
    const claimed = await tx.update(staff).set({ totpLastStep: step })
      .where(and(eq(staff.id, opts.actor.id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step)))).returning({ id: staff.id });
    if (claimed.length === 0) return 'used' as const;
    const now = new Date();
    await tx.update(sessions).set({ mfaAt: now }).where(eq(sessions.idHash, opts.actor.sessionIdHash));
    await recordAudit(tx, audit, { action: 'auth.mfa.confirm', outcome: 'success', objectType: 'staff', objectId: opts.actor.id });
    return now;
  });
  if (outcome === 'wrong' || outcome === 'used') {
    await opts.db.transaction((tx) => recordAudit(tx, audit, { action: 'auth.mfa.confirm', outcome: 'failure', objectType: 'staff', objectId: opts.actor.id, reason: outcome === 'used' ? 'code already used' : 'wrong code' }));
    throw outcome === 'used' ? wrong('mfa_code_used', 'This code was already used. Wait for the next code in your app.') : wrong('mfa_code_wrong', 'That code is not right. Check the time on your phone and try again.');
  }
  await forgiveAttempt(opts.db, keys);
  return { confirmedAt: outcome.toISOString() };
}
