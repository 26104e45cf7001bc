import { and, eq } from 'drizzle-orm';
import type { InformationInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { informationPlan } from '../../tables.ts';
import { claimEntry } from '../entries.ts';
import { informationPlace } from '../places.ts';
import { informationDetails } from './add-information.ts';

/** Changes a line of the information plan; 409 unless the writer read its current revision. */
export async function updateInformation(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string; input: InformationInput & { revision: number } }): Promise<{ revision: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.shield.information.update' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    const revision = await claimEntry(tx, 'information_plan', opts.caseId, opts.entryId, input.revision);
    await tx.update(informationPlan).set({
      status: input.status, toldOn: input.toldOn, revision, updatedAt: new Date(),
      detailsEnc: opts.keyring.encrypt(informationPlace(opts.entryId), informationDetails(input)),
    }).where(and(eq(informationPlan.id, opts.entryId), eq(informationPlan.caseId, opts.caseId)));
    await event('shield.information.changed', { status: input.status });
    await audit({ objectType: 'information_plan', objectId: opts.entryId });
    return { revision };
  });
}
