import { and, eq } from 'drizzle-orm';
import { notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { threatLinks } from '../../tables.ts';
import type { ThreatCommandOpts } from './opts.ts';

export async function removeThreatLink(opts: ThreatCommandOpts & { linkId: string }): Promise<Record<string, never>> {
  return caseCommand({ ...opts, action: 'case.threats.link.remove' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const [removed] = await tx.delete(threatLinks).where(and(eq(threatLinks.id, opts.linkId), eq(threatLinks.caseId, opts.caseId))).returning({ toKind: threatLinks.toKind });
    if (!removed) throw notFound();
    await event('threat.link.removed', { to: removed.toKind });
    await audit({ objectType: 'threat-link', objectId: opts.linkId });
    return {};
  });
}
