import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit, type AuditEntry } from '../../../platform/audit/record.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { findCaseKey } from '../../cases/case-keys.ts';
import { findVisibleCase, type VisibleCase } from '../../cases/queries.ts';
import { evidenceFiles } from '../tables.ts';
import { evidenceContentPlace } from './places.ts';
import { logbookPolicy } from './policy.ts';

export type EntryRow = {
  id: string; occurredOn: string; channel: string; detailsEnc: string; recordedByName: string | null; recordedAt: string | Date;
  evidence: { id: string; mediaType: string; size: number; nameEnc: string; uploadedByName: string | null; uploadedAt: string }[];
};

/** Every entry of one case, newest first, with its files' descriptions (never their content). */
async function entriesOf(tx: Tx, caseId: string): Promise<EntryRow[]> {
  const res = await tx.execute<EntryRow>(sql`select e.id, e.occurred_on::text as "occurredOn", e.channel, encode(e.details_enc, 'base64') as "detailsEnc",
      st.display_name as "recordedByName", e.recorded_at as "recordedAt",
      coalesce((select json_agg(json_build_object('id', f.id, 'mediaType', f.media_type, 'size', f.size, 'nameEnc', encode(f.name_enc, 'base64'),
          'uploadedByName', fs.display_name, 'uploadedAt', f.uploaded_at) order by f.uploaded_at)
        from evidence_files f left join staff fs on fs.id = f.uploaded_by where f.entry_id = e.id), '[]'::json) as evidence
    from threat_log_entries e left join staff st on st.id = e.recorded_by
    where e.case_id = ${caseId}
    order by e.occurred_on desc, e.recorded_at desc`);
  return res.rows;
}

const NOT_VISIBLE = Symbol('not visible');
const REFUSED = Symbol('refused');

/**
 * A read of the logbook in one transaction: the case only if the actor may see
 * it (else 404, as for a case that does not exist), then the logbook rule (403
 * for an emergency reader), then the data, with the audit entry committed before
 * anything is returned. Refusals are recorded and committed too.
 */
async function logbookRead<T>(opts: { db: Db; actor: Actor; requestId: string; caseId: string; action: string },
  load: (tx: Tx, found: VisibleCase) => Promise<{ value: T; entry?: Partial<AuditEntry> } | null>): Promise<{ value: T; found: VisibleCase }> {
  const ctx = { actor: opts.actor, requestId: opts.requestId };
  const base = { action: opts.action, objectType: 'case', objectId: opts.caseId, caseId: opts.caseId };
  const out = await opts.db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, opts.actor, opts.caseId);
    if (!found) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', reason: 'not visible' });
      return NOT_VISIBLE;
    }
    if (!logbookPolicy.mayRead(opts.actor, found)) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis, reason: 'logbook is for managers and the case team' });
      return REFUSED;
    }
    const loaded = await load(tx, found);
    if (!loaded) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis, reason: 'not found' });
      return NOT_VISIBLE;
    }
    await recordAudit(tx, ctx, { ...base, outcome: 'success', basis: found.basis, ...loaded.entry });
    return { value: loaded.value, found };
  });
  if (out === NOT_VISIBLE) throw notFound();
  if (out === REFUSED) throw forbidden();
  return out;
}

export async function readLogbook(opts: { db: Db; actor: Actor; requestId: string; caseId: string }): Promise<{ rows: EntryRow[]; found: VisibleCase }> {
  const { value, found } = await logbookRead({ ...opts, action: 'case.logbook.read' }, async (tx) => ({ value: await entriesOf(tx, opts.caseId) }));
  return { rows: value, found };
}

/**
 * One evidence file's content, decrypted. The case key is read in the same
 * transaction; a case whose key was erased has no readable files left (404).
 */
export async function readEvidence(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; fileId: string }): Promise<{ mediaType: string; bytes: Buffer }> {
  const { value } = await logbookRead({ ...opts, action: 'case.logbook.evidence.read' }, async (tx) => {
    const [file] = await tx.select({ mediaType: evidenceFiles.mediaType, contentEnc: evidenceFiles.contentEnc }).from(evidenceFiles)
      .where(and(eq(evidenceFiles.id, opts.fileId), eq(evidenceFiles.caseId, opts.caseId))).limit(1);
    if (!file) return null;
    const key = await findCaseKey(tx, opts.keyring, opts.caseId);
    if (!key) return null;
    return { value: { mediaType: file.mediaType, contentEnc: file.contentEnc, key }, entry: { objectType: 'evidence_file', objectId: opts.fileId } };
  });
  return { mediaType: value.mediaType, bytes: value.key.openBytes(evidenceContentPlace(opts.fileId), value.contentEnc) };
}
