import type { CaseDetail, Note } from '../../../contracts/cases.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { VisibleCase } from './queries.ts';

export const notePlace = (noteId: string) => ({ table: 'case_notes', column: 'text_enc', rowId: noteId });

export function presentCase(c: VisibleCase, viewerId: string): CaseDetail {
  return {
    id: c.id,
    codename: c.codename,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    myTeamRole: c.team.find((t) => t.staffId === viewerId)?.role ?? null,
    team: c.team,
  };
}

/** Decryption happens here and only here, after the policy allowed the read and the audit entry is written. */
export async function presentNotes(keyring: Keyring, rows: { id: string; textEnc: Buffer; authorId: string; authorName: string; createdAt: Date }[]): Promise<Note[]> {
  return Promise.all(rows.map(async (r) => ({
    id: r.id,
    text: await keyring.decrypt(notePlace(r.id), r.textEnc),
    authorId: r.authorId,
    authorName: r.authorName,
    createdAt: r.createdAt.toISOString(),
  })));
}
