import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { evidenceFiles } from '../../tables.ts';
import { logbookPolicy } from '../policy.ts';

/** A manager removes an evidence file (uploaded by mistake); the entry and the audit trail stay. */
export async function removeEvidence(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; fileId: string }): Promise<void> {
  await caseCommand({ ...opts, action: 'case.logbook.evidence.remove' }, async ({ tx, found, audit, event, refuse }) => {
    if (!logbookPolicy.mayRemoveEvidence(opts.actor, found, found.status)) return refuse();
    const removed = await tx.delete(evidenceFiles).where(and(eq(evidenceFiles.id, opts.fileId), eq(evidenceFiles.caseId, opts.caseId))).returning({ id: evidenceFiles.id });
    if (removed.length === 0) throw notFound();
    await event('threat.evidence_removed');
    await audit({ objectType: 'evidence_file', objectId: opts.fileId });
    return undefined;
  });
}
