import { and, eq } from 'drizzle-orm';
import type { MeasureInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { protectionMeasures } from '../../tables.ts';
import { claimEntry } from '../entries.ts';
import { assertMeasureOwner } from '../owners.ts';
import { measurePlace } from '../places.ts';

/**
 * Changes a measure; 409 unless the writer read its current revision. The owner is
 * checked when it changes: a measure whose owner has since left the team can still
 * be marked done, and is handed over by choosing someone who works the case.
 */
export async function updateMeasure(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string; input: MeasureInput & { revision: number } }): Promise<{ revision: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.shield.measure.update' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    const revision = await claimEntry(tx, 'protection_measures', opts.caseId, opts.entryId, input.revision);
    const where = and(eq(protectionMeasures.id, opts.entryId), eq(protectionMeasures.caseId, opts.caseId));
    const [before] = await tx.select({ ownerId: protectionMeasures.ownerId, status: protectionMeasures.status }).from(protectionMeasures).where(where);
    if (before?.ownerId !== input.ownerId) await assertMeasureOwner(tx, opts.caseId, input.ownerId);
    await tx.update(protectionMeasures).set({
      ownerId: input.ownerId, dueOn: input.dueOn, status: input.status, revision, updatedAt: new Date(),
      titleEnc: opts.keyring.encrypt(measurePlace(opts.entryId), input.title),
    }).where(where);
    await event('shield.measure.changed', { status: input.status, ...(before?.status !== input.status ? { from: before?.status ?? null } : {}) });
    await audit({ objectType: 'protection_measure', objectId: opts.entryId });
    return { revision };
  });
}
