import { eq } from 'drizzle-orm';
import type { Identity } from '../../../../contracts/identity.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { findCaseKey } from '../case-keys.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { caseIdentity } from '../tables.ts';
import { identityPlace } from './set-identity.ts';
import { sealReason } from '../../../platform/audit/reasons.ts';

export const freshMfaRequired = () => new AppError(403, 'fresh_mfa_required', 'Confirm with a code from your authenticator app first.');

/** Whether the second factor was given within the step-up window (EXITDESK_STEP_UP_SECONDS, at most five minutes) of this session. */
export function hasFreshMfa(actor: Actor, windowSeconds: number, now = Date.now()): boolean {
  return actor.mfaAt !== null && now - actor.mfaAt.getTime() < windowSeconds * 1000;
}

/**
 * Opens the sealed section: a stated reason and a fresh second factor, for
 * managers and team members given identity access. The reason goes into the
 * audit log with the reveal.
 */
export async function revealIdentity(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; reason: string; stepUpSeconds: number }): Promise<{ identity: Identity | null; version: number }> {
  return caseCommand({ ...opts, action: 'case.identity.reveal' }, async ({ tx, found, audit, refuse }) => {
    if (!caseActions.mayUseIdentity(opts.actor, found)) return refuse(await sealReason(tx, opts.keyring, opts.reason));
    if (!hasFreshMfa(opts.actor, opts.stepUpSeconds)) return refuse('second factor not fresh', freshMfaRequired());
    const row = (await tx.select().from(caseIdentity).where(eq(caseIdentity.caseId, opts.caseId)).limit(1))[0];
    await audit({ objectType: 'identity', objectId: opts.caseId, reason: await sealReason(tx, opts.keyring, opts.reason) });
    if (!row) return { identity: null, version: 0 };
    const key = await findCaseKey(tx, opts.keyring, opts.caseId);
    // Key destroyed (erased case): the sealed data is gone for good, which is the point.
    if (!key) return { identity: null, version: row.version };
    return { identity: JSON.parse(key.open(identityPlace(opts.caseId), row.dataEnc)) as Identity, version: row.version };
  });
}
