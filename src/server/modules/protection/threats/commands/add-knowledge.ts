import { randomUUID } from 'node:crypto';
import type { AddKnowledgeInput } from '../../../../../contracts/threats.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { protectionPolicy } from '../../policy.ts';
import { dangerousKnowledge } from '../../tables.ts';
import { knowledgePlace } from '../presenter.ts';
import type { ThreatCommandOpts } from './opts.ts';

/** Dangerous knowledge the client holds: the category stays plain, the notes are encrypted. */
export async function addKnowledge(opts: ThreatCommandOpts & { input: AddKnowledgeInput }): Promise<{ id: string }> {
  return caseCommand({ ...opts, action: 'case.threats.knowledge.add' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'threats', found.status)) return refuse();
    const id = randomUUID();
    await tx.insert(dangerousKnowledge).values({ id, caseId: opts.caseId, category: opts.input.category, notesEnc: opts.keyring.encrypt(knowledgePlace(id), opts.input.notes), createdBy: opts.actor.id });
    // No category in the timeline: the timeline is read by emergency readers too, who do not see the threat analysis.
    await event('threat.knowledge.added');
    await audit({ objectType: 'dangerous-knowledge', objectId: id });
    return { id };
  });
}
