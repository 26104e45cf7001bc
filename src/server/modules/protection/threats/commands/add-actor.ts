import { randomUUID } from 'node:crypto';
import type { AddThreatActorInput } from '../../../../../contracts/threats.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { threatActors } from '../../tables.ts';
import { sealActorDetails } from '../presenter.ts';
import type { ThreatCommandOpts } from './opts.ts';

/** A group or person who threatens the client; everything but the kind is encrypted. */
export async function addThreatActor(opts: ThreatCommandOpts & { input: AddThreatActorInput }): Promise<{ id: string; revision: number }> {
  const { kind, ...details } = opts.input;
  return caseCommand({ ...opts, action: 'case.threats.actor.add' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const id = randomUUID();
    await tx.insert(threatActors).values({ id, caseId: opts.caseId, kind, detailsEnc: sealActorDetails(opts.keyring, id, details), createdBy: opts.actor.id });
    await event('threat.actor.added', { kind });
    await audit({ objectType: 'threat-actor', objectId: id });
    return { id, revision: 1 };
  });
}
