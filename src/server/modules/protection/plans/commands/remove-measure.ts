import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { protectionMeasures } from '../../tables.ts';
import { claimEntry } from '../entries.ts';

/** Removes a measure (the timeline and the audit log keep that it was there). */
export async function removeMeasure(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string; revision: number }): Promise<{ removed: true }> {
  return caseCommand({ ...opts, action: 'case.shield.measure.delete' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    await claimEntry(tx, 'protection_measures', opts.caseId, opts.entryId, opts.revision);
    await tx.delete(protectionMeasures).where(and(eq(protectionMeasures.id, opts.entryId), eq(protectionMeasures.caseId, opts.caseId)));
    await event('shield.measure.removed');
    await audit({ objectType: 'protection_measure', objectId: opts.entryId });
    return { removed: true as const };
  });
}
