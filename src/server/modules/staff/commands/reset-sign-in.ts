import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { hashPassword } from '../../../platform/auth/password.ts';
import { endAllSessionsOf } from '../../../platform/auth/sessions.ts';
import { recoveryCodes, staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { sealReason } from '../../../platform/audit/reasons.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { staffPolicy } from '../policy.ts';
import { findStaff } from '../queries.ts';

/**
 * For a colleague who lost their phone and their recovery codes: a new first
 * password, two-factor sign-in cleared (set up again at next sign-in), every
 * session ended. Managers only, with a reason that goes into the audit log.
 */
export async function resetSignIn(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; staffId: string; password: string; reason: string }): Promise<void> {
  const target = await findStaff(opts.db, opts.staffId);
  if (!target) throw notFound();
  const audit = { actor: opts.actor, requestId: opts.requestId };
  if (!staffPolicy.mayResetSignIn(opts.actor, target)) {
    await opts.db.transaction((tx) => recordAudit(tx, audit, { action: 'staff.sign-in.reset', outcome: 'denied', objectType: 'staff', objectId: target.id }));
    throw forbidden();
  }
  const passwordHash = await hashPassword(opts.password);
  await opts.db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, totpSecretEnc: null, totpLastStep: null, mfaEnrolledAt: null, updatedAt: new Date() }).where(eq(staff.id, target.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.staffId, target.id));
    await endAllSessionsOf(tx, target.id);
    await recordAudit(tx, audit, { action: 'staff.sign-in.reset', outcome: 'success', objectType: 'staff', objectId: target.id, reason: await sealReason(tx, opts.keyring, opts.reason) });
  });
}
