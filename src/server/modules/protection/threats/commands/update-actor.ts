import { and, eq } from 'drizzle-orm';
import type { UpdateThreatActorInput } from '../../../../../contracts/threats.ts';
import { AppError, notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { threatActors } from '../../tables.ts';
import { sealActorDetails } from '../presenter.ts';
import type { ThreatCommandOpts } from './opts.ts';

export const actorChanged = () =>
  new AppError(409, 'threat_actor_changed', 'Someone else changed this entry since you opened it. Reload to see their change, then try again.');

/** Replaces an actor's details, if the editor saw the current revision (a colleague's change is never overwritten silently). */
export async function updateThreatActor(opts: ThreatCommandOpts & { actorId: string; input: UpdateThreatActorInput }): Promise<{ revision: number }> {
  const { expectedRevision, ...details } = opts.input;
  return caseCommand({ ...opts, action: 'case.threats.actor.update' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const [current] = await tx.select({ kind: threatActors.kind, revision: threatActors.revision }).from(threatActors)
      .where(and(eq(threatActors.id, opts.actorId), eq(threatActors.caseId, opts.caseId))).for('update');
    if (!current) throw notFound();
    if (current.revision !== expectedRevision) throw actorChanged();
    const revision = current.revision + 1;
    await tx.update(threatActors).set({ detailsEnc: sealActorDetails(opts.keyring, opts.actorId, details), revision, updatedAt: new Date() })
      .where(eq(threatActors.id, opts.actorId));
    await event('threat.actor.changed', { kind: current.kind });
    await audit({ objectType: 'threat-actor', objectId: opts.actorId });
    return { revision };
  });
}
