import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { startSession } from '../../../platform/auth/sessions.ts';
import { recoveryCodes, sessions, staff } from '../../../platform/auth/tables.ts';
import { forgiveAttempt, reserveAttempt, throttleKeys, tooManyAttempts } from '../../../platform/auth/throttle.ts';
import { totpStep } from '../../../platform/auth/totp.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery-codes.ts';
import { pendingSecretPlace } from './begin-enrolment.ts';

export const staffTotpPlace = (staffId: string) => ({ table: 'staff', column: 'totp_secret_enc', rowId: staffId });

const expired = () => new AppError(401, 'mfa_session_expired', 'Your sign-in has expired. Please sign in again.');
const wrongCode = (field: 'code' | 'recoveryCode') =>
  new AppError(401, 'mfa_code_wrong', 'That code is not right. Check the time on your phone and try again.', [{ path: field, code: 'mfa_code_wrong', message: 'That code is not right' }]);
const usedCode = () =>
  new AppError(401, 'mfa_code_used', 'This code was already used. Wait for the next code in your app.', [{ path: 'code', code: 'mfa_code_used', message: 'This code was already used' }]);

export type MfaInput = { code?: string | undefined; recoveryCode?: string | undefined };

type Outcome =
  | { ok: true; sessionToken: string; recoveryCodes?: string[] }
  | { ok: false; reason: string; field: 'code' | 'recoveryCode' };

/**
 * Second factor: confirms enrolment (first sign-in) or checks the code, then
 * replaces the half-open session with a full one under a new id. A wrong code
 * is decided inside the transaction and recorded after it, so failures never
 * hold a connection while asking for another.
 */
export async function verifyMfa(opts: { db: Db; keyring: Keyring; idHash: Buffer; staffId: string; input: MfaInput; ip: string; requestId: string }): Promise<{ sessionToken: string; recoveryCodes?: string[] }> {
  const { db, keyring } = opts;
  const keys = throttleKeys('mfa', opts.staffId, opts.ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) throw tooManyAttempts(wait, opts.input.recoveryCode ? 'recoveryCode' : 'code');
  const person = (await db.select().from(staff).where(eq(staff.id, opts.staffId)).limit(1))[0];
  const session = (await db.select().from(sessions).where(eq(sessions.idHash, opts.idHash)).limit(1))[0];
  if (!person || !session || person.disabledAt) throw expired();
  const actor = { id: person.id, role: person.role };
  const audit = { actor, requestId: opts.requestId };

  const outcome: Outcome = await db.transaction(async (tx): Promise<Outcome> => {
    let issuedCodes: string[] | undefined;
    if (!person.totpSecretEnc) {
      if (!session.pendingTotpSecretEnc || !opts.input.code) throw new AppError(409, 'mfa_enrolment_not_started', 'Start setting up two-factor sign-in first.');
      const secret = await keyring.decrypt(pendingSecretPlace(opts.idHash), session.pendingTotpSecretEnc);
      const step = totpStep(secret, opts.input.code);
      if (step === null) return { ok: false, reason: 'wrong enrolment code', field: 'code' };
      issuedCodes = newRecoveryCodes();
      await tx.update(staff).set({ totpSecretEnc: keyring.encrypt(staffTotpPlace(person.id), secret), totpLastStep: step, mfaEnrolledAt: new Date(), updatedAt: new Date() }).where(eq(staff.id, person.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.staffId, person.id));
      await tx.insert(recoveryCodes).values(issuedCodes.map((c) => ({ staffId: person.id, codeHash: hashRecoveryCode(keyring, c) })));
      await recordAudit(tx, audit, { action: 'auth.mfa.enrol', outcome: 'success', objectType: 'staff', objectId: person.id });
    } else if (opts.input.recoveryCode) {
      const used = await tx.update(recoveryCodes).set({ usedAt: new Date() })
        .where(and(eq(recoveryCodes.staffId, person.id), eq(recoveryCodes.codeHash, hashRecoveryCode(keyring, opts.input.recoveryCode)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (used.length === 0) return { ok: false, reason: 'wrong recovery code', field: 'recoveryCode' };
      await recordAudit(tx, audit, { action: 'auth.recovery-code.used', outcome: 'success', objectType: 'staff', objectId: person.id });
    } else {
      const secret = await keyring.decrypt(staffTotpPlace(person.id), person.totpSecretEnc);
      const step = opts.input.code ? totpStep(secret, opts.input.code) : null;
      if (step === null) return { ok: false, reason: 'wrong code', field: 'code' };
      // Reserve the step atomically: two concurrent requests with one code cannot both pass.
      const claimed = await tx.update(staff).set({ totpLastStep: step })
        .where(and(eq(staff.id, person.id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))))
        .returning({ id: staff.id });
      if (claimed.length === 0) return { ok: false, reason: 'code already used', field: 'code' };
    }
    await recordAudit(tx, audit, { action: 'auth.mfa', outcome: 'success', objectType: 'staff', objectId: person.id });
    const sessionToken = await startSession(tx, { staffId: person.id, stage: 'active', replacing: opts.idHash, mfaAt: new Date() });
    return { ok: true, sessionToken, ...(issuedCodes ? { recoveryCodes: issuedCodes } : {}) };
  });

  if (!outcome.ok) {
    await db.transaction((tx) => recordAudit(tx, audit, { action: 'auth.mfa', outcome: 'failure', objectType: 'staff', objectId: person.id, reason: outcome.reason }));
    throw outcome.reason === 'code already used' ? usedCode() : wrongCode(outcome.field);
  }
  await forgiveAttempt(db, keys);
  return { sessionToken: outcome.sessionToken, ...(outcome.recoveryCodes ? { recoveryCodes: outcome.recoveryCodes } : {}) };
}
