import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { canonicalEntryText, entryColumns, type SealedEntry } from './entry.ts';
import { appendLeaf, emptyFrontier, leafHashOfText, rootOf, type Frontier } from './merkle.ts';
import { checkpointMessage, type CheckpointSigner } from './signing.ts';

const SEAL_LOCK = 7_303_118_003;
const BATCH = 5_000;
/** A signed checkpoint at least every this many entries, also inside one long run (a bulk of history). */
const CHECKPOINT_EVERY_ENTRIES = 10_000;

/** `xmin`: every transaction older than it had finished when this run looked, so its events are sealed now. */
export type SealResult = { sealed: number; treeSize: number; checkpoint: boolean; xmin: number | null };

type CheckpointRow = { id: number; treeSize: number; frontier: string[] };

async function frontierNow(tx: Parameters<Parameters<Db['transaction']>[0]>[0]): Promise<Frontier> {
  const last = (await tx.execute<CheckpointRow>(sql`select id, tree_size as "treeSize", frontier from audit_checkpoints order by id desc limit 1`)).rows[0];
  let f: Frontier = last ? { size: last.treeSize, hashes: last.frontier.map((h) => Buffer.from(h, 'hex')) } : emptyFrontier();
  const rest = await tx.execute<{ leafHash: Buffer }>(sql`select leaf_hash as "leafHash" from audit_leaves where position > ${f.size} order by position`);
  for (const r of rest.rows) f = appendLeaf(f, r.leafHash);
  return f;
}

/**
 * Gives newly committed audit events their place in the Merkle tree and, when
 * due, writes a signed checkpoint. One sealer at a time across all instances.
 * Sealing happens after commit (not inside each request) so that audited
 * requests never queue behind one global lock.
 */
export async function sealPending(opts: {
  db: Db; signer: CheckpointSigner; checkpointEveryMs: number; force?: boolean;
  /** The `xmin` of an earlier run that committed: nothing older can be unsealed, so it need not be looked at again. */
  sealedBefore?: number;
}): Promise<SealResult> {
  const { db, signer } = opts;
  return db.transaction(async (tx) => {
    const locked = (await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`)).rows[0]?.ok;
    if (!locked) return { sealed: 0, treeSize: -1, checkpoint: false, xmin: null };
    const xmin = (await tx.execute<{ x: number }>(sql`select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as x`)).rows[0]!.x;
    // Without the floor of the last run, an idle instance re-read every event of the last bulk
    // transaction (txid at or above the last leaf's xmin) each second: measured at 1.5 cores busy
    // forever after 1,000,000 inserted entries.
    const prev = Math.max(opts.sealedBefore ?? 0, (await tx.execute<{ x: number }>(sql`select sealer_xmin as x from audit_leaves order by position desc limit 1`)).rows[0]?.x ?? 0);
    let f = await frontierNow(tx);
    let sealed = 0;
    const last = (await tx.execute<{ treeSize: number; age: number }>(sql`select tree_size as "treeSize", extract(epoch from (clock_timestamp() - signed_at)) * 1000 as age from audit_checkpoints order by id desc limit 1`)).rows[0];
    let signedUpTo = last?.treeSize ?? 0;
    let checkpoint = false;
    const writeCheckpoint = async () => {
      const rootHash = rootOf(f);
      const signedAt = new Date().toISOString();
      const signature = signer.sign(checkpointMessage({ treeSize: f.size, rootHash, signedAt }));
      await tx.execute(sql`insert into audit_checkpoints (tree_size, root_hash, frontier, signed_at, key_id, signature)
        values (${f.size}, ${rootHash}, ${JSON.stringify(f.hashes.map((h) => h.toString('hex')))}::jsonb, ${signedAt}, ${signer.keyId}, ${signature})`);
      signedUpTo = f.size;
      checkpoint = true;
    };
    for (;;) {
      const pending = await tx.execute<SealedEntry>(sql`select ${entryColumns} from audit_events e
        where e.txid >= ${prev} and not exists (select 1 from audit_leaves l where l.event_seq = e.seq)
        order by e.seq limit ${BATCH}`);
      if (pending.rows.length === 0) break;
      const leaves: [number, number, string][] = [];
      for (const e of pending.rows) {
        const position = f.size + 1;
        const h = leafHashOfText(canonicalEntryText(position, e));
        f = appendLeaf(f, h);
        leaves.push([position, e.seq, h.toString('hex')]);
      }
      // One statement per batch; JSON keeps drizzle from expanding the arrays into parameter lists.
      await tx.execute(sql`insert into audit_leaves (position, event_seq, leaf_hash, sealer_xmin)
        select (x->>0)::bigint, (x->>1)::bigint, decode(x->>2, 'hex'), ${xmin}::bigint from jsonb_array_elements(${JSON.stringify(leaves)}::jsonb) as x`);
      sealed += pending.rows.length;
      if (f.size - signedUpTo >= CHECKPOINT_EVERY_ENTRIES) await writeCheckpoint();
      if (pending.rows.length < BATCH) break;
    }
    if (f.size > signedUpTo && (opts.force || !last || Number(last.age) >= opts.checkpointEveryMs)) await writeCheckpoint();
    return { sealed, treeSize: f.size, checkpoint, xmin };
  });
}
