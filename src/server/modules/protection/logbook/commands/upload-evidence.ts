import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { EvidenceFile } from '../../../../../contracts/logbook.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { notFound } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { caseKeyFor } from '../../../cases/case-keys.ts';
import { evidenceFiles, threatLogEntries } from '../../tables.ts';
import type { PreparedEvidence } from '../evidence.ts';
import { evidenceContentPlace, evidenceNamePlace } from '../places.ts';
import { logbookPolicy } from '../policy.ts';

/** Longest file name kept (it is only shown, never used as a path or download name). */
const MAX_NAME = 200;

/** Control characters and path parts out; what remains is display text. */
export function displayName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, MAX_NAME);
  return clean || 'evidence';
}

/**
 * Before a file is read and decoded: may this person attach evidence to this
 * entry at all? A case they may not see is the usual 404 and a refusal a 403, both
 * audited — so nobody makes the server decode images for a case that is not theirs.
 * uploadEvidence checks again in the transaction that stores the file.
 */
export async function checkMayUploadEvidence(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string }): Promise<void> {
  await caseCommand({ ...opts, action: 'case.logbook.evidence.upload' }, async ({ tx, found, refuse }) => {
    if (!logbookPolicy.mayRecord(opts.actor, found, found.status)) return refuse();
    const entry = await tx.select({ id: threatLogEntries.id }).from(threatLogEntries)
      .where(and(eq(threatLogEntries.id, opts.entryId), eq(threatLogEntries.caseId, opts.caseId))).limit(1);
    if (entry.length === 0) throw notFound();
    return undefined;
  });
}

/**
 * Stores an evidence file already checked and stripped (prepareEvidence), in one
 * transaction with its audit entry: the content sealed with the case's own key,
 * the name under the keyring. Either the whole file is stored or nothing.
 */
export async function uploadEvidence(opts: {
  db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; entryId: string; file: PreparedEvidence; name: string | undefined;
}): Promise<Omit<EvidenceFile, 'uploadedByName'>> {
  return caseCommand({ ...opts, action: 'case.logbook.evidence.upload' }, async ({ tx, found, audit, event, refuse }) => {
    if (!logbookPolicy.mayRecord(opts.actor, found, found.status)) return refuse();
    const entry = await tx.select({ id: threatLogEntries.id }).from(threatLogEntries)
      .where(and(eq(threatLogEntries.id, opts.entryId), eq(threatLogEntries.caseId, opts.caseId))).limit(1);
    if (entry.length === 0) throw notFound();
    const key = await caseKeyFor(tx, opts.keyring, opts.caseId);
    const id = randomUUID();
    const name = displayName(opts.name);
    const [row] = await tx.insert(evidenceFiles).values({
      id, entryId: opts.entryId, caseId: opts.caseId, mediaType: opts.file.mediaType, size: opts.file.bytes.length, uploadedBy: opts.actor.id,
      nameEnc: opts.keyring.encrypt(evidenceNamePlace(id), name),
      contentEnc: key.sealBytes(evidenceContentPlace(id), opts.file.bytes),
    }).returning({ uploadedAt: evidenceFiles.uploadedAt });
    await event('threat.evidence_added', { mediaType: opts.file.mediaType });
    await audit({ objectType: 'evidence_file', objectId: id });
    return { id, mediaType: opts.file.mediaType, size: opts.file.bytes.length, name, uploadedAt: row!.uploadedAt.toISOString() };
  });
}
