import { randomUUID } from 'node:crypto';
import type { MeasureInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { protectionMeasures } from '../../tables.ts';
import { assertMeasureOwner } from '../owners.ts';
import { measurePlace } from '../places.ts';

/** A measure of the exit procedure, as a task with an owner, a due date and a status. */
export async function addMeasure(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: MeasureInput }): Promise<{ id: string; revision: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.shield.measure.create' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'shield', found.status)) return refuse();
    await assertMeasureOwner(tx, opts.caseId, input.ownerId);
    const id = randomUUID();
    await tx.insert(protectionMeasures).values({
      id, caseId: opts.caseId, ownerId: input.ownerId, dueOn: input.dueOn, status: input.status, createdBy: opts.actor.id,
      titleEnc: opts.keyring.encrypt(measurePlace(id), input.title),
    });
    await event('shield.measure.added', { status: input.status });
    await audit({ objectType: 'protection_measure', objectId: id });
    return { id, revision: 1 };
  });
}
