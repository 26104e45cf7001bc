import type { CaseDetail, Note } from '../../../contracts/cases.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { NoteRow, VisibleCase } from './queries.ts';

export const notePlace = (noteId: string) => ({ table: 'case_notes', column: 'text_enc', rowId: noteId });

export function presentCase(c: VisibleCase, viewerId: string): CaseDetail {
  return {
    id: c.id,
    codename: c.codename,
    status: c.status,
    createdAt: new Date(c.createdAt).toISOString(),
    myTeamRole: c.team.find((t) => t.staffId === viewerId)?.role ?? null,
    team: c.team,
  };
}

/** Decryption happens here and only here, after the scope allowed the read and its audit entry was written. */
export async function presentNotes(keyring: Keyring, rows: NoteRow[]): Promise<Note[]> {
  return Promise.all(rows.map(async (r) => ({
    id: r.id,
    text: await keyring.decrypt(notePlace(r.id), Buffer.from(r.textEnc, 'base64')),
    authorId: r.authorId,
    authorName: r.authorName,
    createdAt: new Date(r.createdAt).toISOString(),
  })));
}
