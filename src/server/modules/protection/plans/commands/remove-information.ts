import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { informationPlan } from '../../tables.ts';
import { claimEntry } from '../entries.ts';

/** Removes a line of the information plan (the timeline and the audit log keep that it was there). */
export async function removeInformation(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string; revision: number }): Promise<{ removed: true }> {
  return caseCommand({ ...opts, action: 'case.shield.information.delete' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    await claimEntry(tx, 'information_plan', opts.caseId, opts.entryId, opts.revision);
    await tx.delete(informationPlan).where(and(eq(informationPlan.id, opts.entryId), eq(informationPlan.caseId, opts.caseId)));
    await event('shield.information.removed');
    await audit({ objectType: 'information_plan', objectId: opts.entryId });
    return { removed: true as const };
  });
}
