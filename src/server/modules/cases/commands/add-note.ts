import { randomUUID } from 'node:crypto';
import type { NoteLevel } from '../../../../contracts/cases.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { notePlace } from '../presenter.ts';
import { caseNotes } from '../tables.ts';

export async function addNote(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; text: string; level: NoteLevel }): Promise<{ id: string }> {
  return caseCommand({ ...opts, action: 'case.note.create' }, async ({ tx, found, audit, event, refuse }) => {
    if (!caseActions.mayWriteNote(opts.actor, found)) return refuse();
    if (!caseActions.mayWriteNoteAt(opts.actor, found, opts.level)) return refuse('level above the writer');
    const id = randomUUID();
    await tx.insert(caseNotes).values({ id, rootId: id, version: 1, level: opts.level, caseId: opts.caseId, authorId: opts.actor.id, textEnc: opts.keyring.encrypt(notePlace(id), opts.text) });
    await event('note.added', { level: opts.level });
    await audit({ objectType: 'note', objectId: id });
    return { id };
  });
}
