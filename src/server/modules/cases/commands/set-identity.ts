import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Identity } from '../../../../contracts/identity.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { notifyManagers } from '../../notifications/notify.ts';
import { caseKeyFor } from '../case-keys.ts';
import { caseCommand } from '../case-command.ts';
import { personDigests } from '../identity-index.ts';
import { caseActions } from '../policy.ts';
import { caseIdentity, casePersonIndex, cases, duplicateReviews } from '../tables.ts';

export const identityPlace = (caseId: string) => ({ table: 'case_identity', column: 'data_enc', rowId: caseId });

export type DuplicateOutcome = { kind: 'none' } | { kind: 'checked' } | { kind: 'matches'; cases: { id: string; codename: string }[] };

/**
 * Writes the sealed identity with the case's own key and runs the duplicate
 * check. A manager is told which case matched. Anyone else gets the same answer
 * whether or not anything matched, so the check cannot be used to test whether a
 * name and birth date belong to a client of another team; a match silently goes to
 * the managers' review queue.
 */
export async function setIdentity(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; identity: Identity; expectedVersion: number }): Promise<{ version: number; duplicate: DuplicateOutcome }> {
  return caseCommand({ ...opts, action: 'case.identity.write' }, async ({ tx, found, audit, event, refuse }) => {
    if (!caseActions.mayUseIdentity(opts.actor, found)) return refuse();
    const current = found.identity?.version ?? 0;
    if (current !== opts.expectedVersion) throw identityChanged();
    const key = await caseKeyFor(tx, opts.keyring, opts.caseId);
    const version = current + 1;
    const dataEnc = key.seal(identityPlace(opts.caseId), JSON.stringify(opts.identity));
    // The case lock already serialises writers; the version condition keeps that true should a path ever skip it.
    const written = await tx.insert(caseIdentity).values({ caseId: opts.caseId, dataEnc, version, updatedBy: opts.actor.id })
      .onConflictDoUpdate({ target: caseIdentity.caseId, set: { dataEnc, version, updatedBy: opts.actor.id, updatedAt: new Date() }, setWhere: eq(caseIdentity.version, current) })
      .returning({ version: caseIdentity.version });
    if (written.length === 0) throw identityChanged();

    const digests = personDigests(opts.keyring, opts.identity);
    await tx.delete(casePersonIndex).where(eq(casePersonIndex.caseId, opts.caseId));
    if (digests.length) await tx.insert(casePersonIndex).values(digests.map((digest) => ({ caseId: opts.caseId, digest }))).onConflictDoNothing();
    // System lookup across all cases: its result goes only to managers (who see every case) or into the review queue.
    const matches = digests.length ? await tx.selectDistinct({ id: cases.id, codename: cases.codename }).from(casePersonIndex)
      .innerJoin(cases, eq(cases.id, casePersonIndex.caseId))
      .where(and(inArray(casePersonIndex.digest, digests), ne(casePersonIndex.caseId, opts.caseId))) : [];

    const isManager = opts.actor.role === 'manager';
    let duplicate: DuplicateOutcome = isManager ? { kind: 'none' } : { kind: 'checked' };
    if (matches.length > 0 && isManager) {
      duplicate = { kind: 'matches', cases: matches };
    } else if (matches.length > 0) {
      const raised = await tx.insert(duplicateReviews).values(matches.map((m) => ({ id: randomUUID(), caseId: opts.caseId, matchedCaseId: m.id, raisedBy: opts.actor.id })))
        .onConflictDoNothing().returning({ id: duplicateReviews.id });
      if (raised.length > 0) await notifyManagers(tx, { kind: 'duplicate_check', caseId: opts.caseId, actorId: opts.actor.id });
    }
    // The timeline is read by the whole team: it must not say whether anything matched either.
    await event('identity.updated', { version });
    await audit({ objectType: 'identity', objectId: opts.caseId, ...(matches.length ? { reason: 'possible duplicate person' } : {}) });
    return { version, duplicate };
  });
}

const identityChanged = () => new AppError(409, 'identity_changed', 'Someone else changed the identity since you opened it. Reveal it again to see their change.');
