import type { KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { canonicalEntry, entryColumns, type SealedEntry } from './entry.ts';
import { appendLeaf, emptyFrontier, leafHash, rootOf, type Frontier } from './merkle.ts';
import { brokenReasonSql } from './reasons.ts';
import { verifyCheckpointSignature } from './signing.ts';

export type VerifyProblem = { position: number | null; seq: number | null; message: string };

export type VerifyReport = {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** Events committed but not sealed yet (newer than the grace period): not an error. */
  pending: number;
  firstProblem: VerifyProblem | null;
};

type Row = SealedEntry & { position: number; storedHash: Buffer; eventSeq: number; present: boolean };
type Checkpoint = { id: number; treeSize: number; rootHash: Buffer; signedAt: string; signature: Buffer };

const PAGE = 10_000;

/**
 * Recomputes every leaf from the events, the Merkle root at every checkpoint,
 * and checks each checkpoint's signature. Stops at the first problem and names it.
 */
export async function verifyAudit(opts: { db: Db; publicKey: KeyObject; graceSeconds?: number; onProgress?: (done: number, total: number) => void }): Promise<VerifyReport> {
  const { db } = opts;
  const checkpoints = (await db.execute<Checkpoint>(sql`select id, tree_size as "treeSize", root_hash as "rootHash",
    to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "signedAt", signature from audit_checkpoints order by id`)).rows;
  const total = (await db.execute<{ n: number }>(sql`select count(*) as n from audit_leaves`)).rows[0]?.n ?? 0;
  const fail = (p: VerifyProblem, entries: number): VerifyReport => ({ ok: false, entries, checkpoints: checkpoints.length, pending: 0, firstProblem: p });

  for (const c of checkpoints) {
    if (!verifyCheckpointSignature(opts.publicKey, c)) {
      return fail({ position: c.treeSize, seq: null, message: `checkpoint #${c.id} (tree size ${c.treeSize}) is not signed by this installation's audit signing key` }, 0);
    }
  }
  let cpIndex = 0;
  let f: Frontier = emptyFrontier();
  let after = 0;
  for (;;) {
    const rows = (await db.execute<Row>(sql`select l.position, l.event_seq as "eventSeq", l.leaf_hash as "storedHash",
        (e.seq is not null) as present, ${entryColumns}
      from audit_leaves l left join audit_events e on e.seq = l.event_seq
      where l.position > ${after} order by l.position limit ${PAGE}`)).rows;
    if (rows.length === 0) break;
    for (const r of rows) {
      const expected = f.size + 1;
      if (r.position !== expected) {
        return fail({ position: expected, seq: null, message: `entry at position ${expected} is missing from the sealed log (deleted or reordered)` }, f.size);
      }
      if (!r.present) {
        return fail({ position: r.position, seq: r.eventSeq, message: `entry at position ${r.position} (event ${r.eventSeq}) was deleted` }, f.size);
      }
      const h = leafHash(canonicalEntry(r.position, r));
      if (!h.equals(r.storedHash)) {
        return fail({ position: r.position, seq: r.seq, message: `entry at position ${r.position} (event ${r.seq}) was altered after it was sealed` }, f.size);
      }
      f = appendLeaf(f, h);
      while (cpIndex < checkpoints.length && checkpoints[cpIndex]!.treeSize === f.size) {
        const c = checkpoints[cpIndex]!;
        if (!rootOf(f).equals(c.rootHash)) {
          return fail({ position: c.treeSize, seq: null, message: `the first ${c.treeSize} entries do not match signed checkpoint #${c.id}: entries up to position ${c.treeSize} were rewritten` }, f.size);
        }
        cpIndex++;
      }
    }
    after = rows[rows.length - 1]!.position;
    opts.onProgress?.(f.size, total);
  }
  if (cpIndex < checkpoints.length) {
    const c = checkpoints[cpIndex]!;
    return fail({ position: f.size + 1, seq: null, message: `signed checkpoint #${c.id} covers ${c.treeSize} entries but only ${f.size} remain: entries from position ${f.size + 1} were deleted` }, f.size);
  }
  // Events that never got a place although they are old were slipped in beside the sealed order.
  const grace = opts.graceSeconds ?? 120;
  const stray = (await db.execute<{ seq: number; old: boolean }>(sql`select e.seq, e.occurred_at < clock_timestamp() - make_interval(secs => ${grace}) as old
    from audit_events e where not exists (select 1 from audit_leaves l where l.event_seq = e.seq) order by e.seq`)).rows;
  const inserted = stray.find((s) => s.old);
  if (inserted) {
    return fail({ position: null, seq: inserted.seq, message: `event ${inserted.seq} is not in the sealed log although it is older than ${grace} s: it was inserted outside Exitdesk` }, f.size);
  }
  // A person's reason lives encrypted beside the log; the entry holds its digest.
  const broken = (await db.execute<{ seq: number }>(brokenReasonSql)).rows[0];
  if (broken) {
    return fail({ position: null, seq: broken.seq, message: `the reason of event ${broken.seq} was deleted or replaced after it was recorded` }, f.size);
  }
  return { ok: true, entries: f.size, checkpoints: checkpoints.length, pending: stray.length, firstProblem: null };
}
