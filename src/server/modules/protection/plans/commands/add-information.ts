import { randomUUID } from 'node:crypto';
import type { InformationInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { informationPlan } from '../../tables.ts';
import { informationPlace } from '../places.ts';
import type { InformationDetails } from '../presenter.ts';

export const informationDetails = (input: InformationInput): string =>
  JSON.stringify({ who: input.who, mayKnow: input.mayKnow, toldBy: input.toldBy } satisfies InformationDetails);

/** A person or institution added to the information plan. */
export async function addInformation(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: InformationInput }): Promise<{ id: string; revision: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.shield.information.create' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    const id = randomUUID();
    await tx.insert(informationPlan).values({
      id, caseId: opts.caseId, status: input.status, toldOn: input.toldOn, createdBy: opts.actor.id,
      detailsEnc: opts.keyring.encrypt(informationPlace(id), informationDetails(input)),
    });
    await event('shield.information.added', { status: input.status });
    await audit({ objectType: 'information_plan', objectId: id });
    return { id, revision: 1 };
  });
}
