import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { caseActions } from '../policy.ts';
import { notePlace } from '../presenter.ts';
import { findVisibleCase } from '../queries.ts';
import { caseNotes } from '../tables.ts';

export async function addNote(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; text: string }): Promise<{ id: string }> {
  const audit = { actor: opts.actor, requestId: opts.requestId };
  const result = await opts.db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, opts.actor, opts.caseId);
    if (!found) {
      await recordAudit(tx, audit, { action: 'case.note.create', outcome: 'denied', objectType: 'case', objectId: opts.caseId, caseId: opts.caseId, reason: 'not visible' });
      return 'not_found' as const;
    }
    if (!caseActions.mayWriteNote(opts.actor, { teamStaffIds: found.team.map((t) => t.staffId) })) {
      await recordAudit(tx, audit, { action: 'case.note.create', outcome: 'denied', objectType: 'case', objectId: opts.caseId, caseId: opts.caseId });
      return 'forbidden' as const;
    }
    const id = randomUUID();
    await tx.insert(caseNotes).values({ id, caseId: opts.caseId, authorId: opts.actor.id, textEnc: opts.keyring.encrypt(notePlace(id), opts.text) });
    await recordAudit(tx, audit, { action: 'case.note.create', outcome: 'success', objectType: 'note', objectId: id, caseId: opts.caseId });
    return { id };
  });
  if (result === 'not_found') throw notFound();
  if (result === 'forbidden') throw forbidden();
  return result;
}
