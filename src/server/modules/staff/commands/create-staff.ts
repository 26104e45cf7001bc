import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '../../../../contracts/staff.ts';
import { hashPassword } from '../../../platform/auth/password.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { newTotpSecret, totpUri } from '../../../platform/auth/totp.ts';
import { recordAudit, type AuditContext } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError, fieldError } from '../../../platform/http/errors.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { isUniqueViolation } from '../../../platform/db/client.ts';
import { staffPolicy } from '../policy.ts';
import { staffTotpPlace } from '../../auth/commands/verify-mfa.ts';

export type NewStaff = { email: string; name: string; role: Role; password: string };

/**
 * Creates an account. From the web app the person enrols MFA at first sign-in;
 * scripted provisioning (`withTotp`) sets the TOTP secret now and returns its URI.
 */
export async function createStaff(opts: { db: Db; keyring: Keyring; audit: AuditContext; actor?: Actor; input: NewStaff; withTotp?: boolean }): Promise<{ id: string; totpUri?: string }> {
  const { db, input } = opts;
  // The CLI (an operator on the server) passes no actor; every web request does.
  if (opts.actor && !staffPolicy.mayCreate(opts.actor, input.role)) {
    await db.transaction((tx) => recordAudit(tx, opts.audit, { action: 'staff.create', outcome: 'denied', objectType: 'staff', reason: `role ${input.role}` }));
    throw new AppError(403, 'role_not_allowed', 'You cannot create accounts with this role', [{ path: 'role', code: 'role_not_allowed', message: 'You cannot create accounts with this role' }]);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const taken = await tx.select({ id: staff.id }).from(staff).where(eq(staff.email, input.email)).limit(1);
    if (taken.length) throw fieldError(409, 'email', 'email_taken', 'An account with this e-mail address already exists');
    const id = randomUUID();
    const secret = opts.withTotp ? newTotpSecret() : null;
    try {
      await tx.insert(staff).values({
        id, email: input.email, displayName: input.name, role: input.role, passwordHash,
        totpSecretEnc: secret ? opts.keyring.encrypt(staffTotpPlace(id), secret) : null,
        mfaEnrolledAt: secret ? new Date() : null,
      });
    } catch (e) {
      // Two requests racing for one address: the loser gets the same answer as a sequential duplicate.
      if (isUniqueViolation(e)) throw fieldError(409, 'email', 'email_taken', 'An account with this e-mail address already exists');
      throw e;
    }
    await recordAudit(tx, opts.audit, { action: 'staff.create', outcome: 'success', objectType: 'staff', objectId: id });
    return secret ? { id, totpUri: totpUri(secret, input.email, 'Exitdesk') } : { id };
  });
}
