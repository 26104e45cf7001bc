import { randomUUID } from 'node:crypto';
import type { RelocationInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { caseKeyFor } from '../../../cases/case-keys.ts';
import { protectionPolicy } from '../../policy.ts';
import { relocations } from '../../tables.ts';
import { relocationPlace } from '../places.ts';
import type { RelocationDetails } from '../presenter.ts';

/**
 * Records a relocation, sealed with the case's key (managers and the case's
 * security officer). Its timeline event carries the sealed level, so the
 * timeline does not tell anyone else that there was one.
 */
export async function recordRelocation(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: RelocationInput }): Promise<{ id: string }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.relocation.record' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'sealed', found.status)) return refuse();
    const id = randomUUID();
    const key = await caseKeyFor(tx, opts.keyring, opts.caseId);
    const details: RelocationDetails = { area: input.area, movedOn: input.movedOn, measures: input.measures };
    await tx.insert(relocations).values({ id, caseId: opts.caseId, detailsEnc: key.seal(relocationPlace(id), JSON.stringify(details)), recordedBy: opts.actor.id });
    await event('relocation.recorded', { level: 'sealed' });
    await audit({ objectType: 'relocation', objectId: id });
    return { id };
  });
}
