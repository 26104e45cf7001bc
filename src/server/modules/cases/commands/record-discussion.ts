import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { caseDiscussions } from '../tables.ts';

export const discussionPlace = (id: string, column: 'participants_enc' | 'reasons_enc') => ({ table: 'case_discussions', column, rowId: id });

/** The intake case discussion (guideline §3.3): the first half of the safeguarding gate. */
export async function recordDiscussion(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string;
  input: { heldOn: string; participants: string; decision: 'accept' | 'decline' | 'more_information'; reasons: string; expectedVersion: number } }): Promise<{ version: number }> {
  return caseCommand({ ...opts, action: 'case.discussion.record' }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayEditIntake(opts.actor, found, found.status)) return refuse();
    const version = await claimVersion(opts.input.expectedVersion);
    const id = randomUUID();
    await tx.insert(caseDiscussions).values({
      id, caseId: opts.caseId, heldOn: opts.input.heldOn, decision: opts.input.decision, recordedBy: opts.actor.id,
      participantsEnc: opts.keyring.encrypt(discussionPlace(id, 'participants_enc'), opts.input.participants),
      reasonsEnc: opts.keyring.encrypt(discussionPlace(id, 'reasons_enc'), opts.input.reasons),
    });
    await event('discussion.recorded', { decision: opts.input.decision, heldOn: opts.input.heldOn });
    await audit({ objectType: 'discussion', objectId: id });
    return { version };
  });
}
