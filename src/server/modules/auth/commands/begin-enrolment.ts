import { eq } from 'drizzle-orm';
import { sessions, staff } from '../../../platform/auth/tables.ts';
import { newTotpSecret, totpUri } from '../../../platform/auth/totp.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';

export const pendingSecretPlace = (idHash: Buffer) => ({ table: 'sessions', column: 'pending_totp_secret_enc', rowId: idHash.toString('hex') });

/** Generates the TOTP secret for first sign-in and keeps it (encrypted) on the half-open session until confirmed. */
export async function beginEnrolment(opts: { db: Db; keyring: Keyring; idHash: Buffer; staffId: string; issuer: string }): Promise<{ secret: string; otpauthUri: string }> {
  const person = (await opts.db.select({ email: staff.email, enrolled: staff.totpSecretEnc }).from(staff).where(eq(staff.id, opts.staffId)).limit(1))[0];
  if (!person) throw new AppError(401, 'mfa_session_expired', 'Your sign-in has expired. Please sign in again.');
  if (person.enrolled) throw new AppError(409, 'mfa_already_enrolled', 'Two-factor sign-in is already set up for this account.');
  const secret = newTotpSecret();
  await opts.db.update(sessions).set({ pendingTotpSecretEnc: opts.keyring.encrypt(pendingSecretPlace(opts.idHash), secret) }).where(eq(sessions.idHash, opts.idHash));
  return { secret, otpauthUri: totpUri(secret, person.email, opts.issuer) };
}
