import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { NoteLevel } from '../../../../contracts/cases.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { notePlace } from '../presenter.ts';
import { caseNotes } from '../tables.ts';

/** Notes are never edited in place: a correction is the next version, and earlier versions stay readable. */
export async function correctNote(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; noteId: string; text: string; expectedVersion: number }): Promise<{ version: number }> {
  return caseCommand({ ...opts, action: 'case.note.correct' }, async ({ tx, found, audit, event, refuse }) => {
    const versions = await tx.select({ version: caseNotes.version, level: caseNotes.level, authorId: caseNotes.authorId, caseId: caseNotes.caseId })
      .from(caseNotes).where(eq(caseNotes.rootId, opts.noteId)).orderBy(desc(caseNotes.version)).for('update');
    const latest = versions[0];
    const first = versions[versions.length - 1];
    // A note of another case, or one above the actor's level, is as absent as a note that does not exist.
    if (!latest || !first || latest.caseId !== opts.caseId || !caseActions.mayReadNote(opts.actor, found, latest.level as NoteLevel)) throw notFound();
    if (!caseActions.mayCorrectNote(opts.actor, found, first.authorId)) return refuse();
    if (latest.version !== opts.expectedVersion) {
      throw new AppError(409, 'note_changed', 'This note was corrected by someone else since you opened it. Reload to see the current version.');
    }
    const id = randomUUID();
    const version = latest.version + 1;
    await tx.insert(caseNotes).values({ id, rootId: opts.noteId, version, level: latest.level, caseId: opts.caseId, authorId: opts.actor.id, textEnc: opts.keyring.encrypt(notePlace(id), opts.text) });
    await event('note.corrected', { version, level: latest.level });
    await audit({ objectType: 'note', objectId: opts.noteId });
    return { version };
  });
}
