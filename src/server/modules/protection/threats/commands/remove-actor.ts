import { and, eq, or, sql } from 'drizzle-orm';
import { notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { threatActors, threatLinks } from '../../tables.ts';
import type { ThreatCommandOpts } from './opts.ts';

/** Removes an actor and, with it, every link from or to it (the rows cascade). */
export async function removeThreatActor(opts: ThreatCommandOpts & { actorId: string }): Promise<{ removedLinks: number }> {
  return caseCommand({ ...opts, action: 'case.threats.actor.remove' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(threatLinks)
      .where(and(eq(threatLinks.caseId, opts.caseId), or(eq(threatLinks.fromActorId, opts.actorId), eq(threatLinks.toActorId, opts.actorId))));
    const [removed] = await tx.delete(threatActors).where(and(eq(threatActors.id, opts.actorId), eq(threatActors.caseId, opts.caseId))).returning({ kind: threatActors.kind });
    if (!removed) throw notFound();
    await event('threat.actor.removed', { kind: removed.kind, links: n });
    await audit({ objectType: 'threat-actor', objectId: opts.actorId });
    return { removedLinks: n };
  });
}
