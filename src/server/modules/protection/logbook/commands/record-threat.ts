import { randomUUID } from 'node:crypto';
import type { RecordThreatInput } from '../../../../../contracts/logbook.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { threatLogEntries } from '../../tables.ts';
import { entryDetailsPlace, type EntryDetails } from '../places.ts';
import { logbookPolicy } from '../policy.ts';

/**
 * A threat the client received, entered by a team member on the client's behalf.
 * Appending does not conflict with other changes to the case, so it does not
 * claim the case version.
 */
export async function recordThreat(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: RecordThreatInput }): Promise<{ id: string }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.logbook.record' }, async ({ tx, found, audit, event, refuse }) => {
    if (!logbookPolicy.mayRecord(opts.actor, found, found.status)) return refuse();
    const id = randomUUID();
    const details: EntryDetails = { what: input.what, who: input.who };
    await tx.insert(threatLogEntries).values({
      id, caseId: opts.caseId, occurredOn: input.occurredOn, channel: input.channel, recordedBy: opts.actor.id,
      detailsEnc: opts.keyring.encrypt(entryDetailsPlace(id), JSON.stringify(details)),
    });
    // No channel on the timeline: emergency readers see the timeline but not the logbook.
    await event('threat.logged');
    await audit({ objectType: 'threat_log_entry', objectId: id });
    return { id };
  });
}
