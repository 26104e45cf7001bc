import { and, eq } from 'drizzle-orm';
import { notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { dangerousKnowledge } from '../../tables.ts';
import type { ThreatCommandOpts } from './opts.ts';

export async function removeKnowledge(opts: ThreatCommandOpts & { entryId: string }): Promise<Record<string, never>> {
  return caseCommand({ ...opts, action: 'case.threats.knowledge.remove' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const [removed] = await tx.delete(dangerousKnowledge).where(and(eq(dangerousKnowledge.id, opts.entryId), eq(dangerousKnowledge.caseId, opts.caseId))).returning({ id: dangerousKnowledge.id });
    if (!removed) throw notFound();
    await event('threat.knowledge.removed');
    await audit({ objectType: 'dangerous-knowledge', objectId: opts.entryId });
    return {};
  });
}
