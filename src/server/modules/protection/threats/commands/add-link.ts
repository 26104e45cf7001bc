import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AddThreatLinkInput } from '../../../../../contracts/threats.ts';
import { fieldError } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { threatActors, threatLinks } from '../../tables.ts';
import { linkPlace } from '../presenter.ts';
import type { ThreatCommandOpts } from './opts.ts';

/** An actor of another case is as unknown here as one that does not exist. */
const unknownEnd = (path: string) => fieldError(400, path, 'link_end_unknown', 'This entry is not part of this case\'s threat analysis');
const toSelf = () => fieldError(400, 'to.actorId', 'link_to_self', 'An entry cannot be linked to itself');
const notOnTeam = () => fieldError(400, 'to.staffId', 'link_staff_not_on_team', 'Only people on the case team can be linked');
const exists = () => fieldError(409, 'to', 'link_exists', 'These two are linked already');

/**
 * "X is linked to Y": X is an actor of the case; Y is the client, another actor
 * of the case, or someone on the case team. Two actors are linked once, in
 * whichever direction it was first recorded.
 */
export async function addThreatLink(opts: ThreatCommandOpts & { input: AddThreatLinkInput }): Promise<{ id: string }> {
  const { fromActorId, to, relation } = opts.input;
  return caseCommand({ ...opts, action: 'case.threats.link.add' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const ids = to.kind === 'actor' ? [fromActorId, to.actorId] : [fromActorId];
    const known = new Set((await tx.select({ id: threatActors.id }).from(threatActors)
      .where(and(eq(threatActors.caseId, opts.caseId), inArray(threatActors.id, ids)))).map((r) => r.id));
    if (!known.has(fromActorId)) throw unknownEnd('fromActorId');
    if (to.kind === 'actor') {
      if (to.actorId === fromActorId) throw toSelf();
      if (!known.has(to.actorId)) throw unknownEnd('to.actorId');
    }
    if (to.kind === 'staff' && !found.team.some((t) => t.staffId === to.staffId)) throw notOnTeam();

    // The case row is locked by caseCommand, so two people adding the same link cannot both pass this check.
    const duplicate = await tx.select({ id: threatLinks.id }).from(threatLinks).where(and(eq(threatLinks.caseId, opts.caseId), sameLink(fromActorId, to))).limit(1);
    if (duplicate.length > 0) throw exists();

    const id = randomUUID();
    await tx.insert(threatLinks).values({
      id, caseId: opts.caseId, fromActorId, toKind: to.kind,
      toActorId: to.kind === 'actor' ? to.actorId : null, toStaffId: to.kind === 'staff' ? to.staffId : null,
      relationEnc: opts.keyring.encrypt(linkPlace(id), relation), createdBy: opts.actor.id,
    });
    await event('threat.link.added', { to: to.kind });
    await audit({ objectType: 'threat-link', objectId: id });
    return { id };
  });
}

function sameLink(from: string, to: AddThreatLinkInput['to']) {
  switch (to.kind) {
    case 'client': return sql`${threatLinks.fromActorId} = ${from} and ${threatLinks.toKind} = 'client'`;
    case 'staff': return sql`${threatLinks.fromActorId} = ${from} and ${threatLinks.toStaffId} = ${to.staffId}`;
    case 'actor': return sql`((${threatLinks.fromActorId} = ${from} and ${threatLinks.toActorId} = ${to.actorId})
      or (${threatLinks.fromActorId} = ${to.actorId} and ${threatLinks.toActorId} = ${from}))`;
  }
}
