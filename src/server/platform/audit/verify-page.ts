// Loaded by verify's worker threads: keep its imports light (no drizzle), so they start at once.
import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { canonicalEntryText, type SealedEntry } from './canonical.ts';
import { BinaryCopyReader, copyOut } from './copy-out.ts';
import { EVENT_COPY_COLUMNS, EVENT_COPY_FIELDS, LeafEncoder } from './leaf-bytes.ts';
import { leafHashOfText, perfectLevels, prefixSubtrees, rootOfLevels } from './merkle.ts';
import { verifyCheckpointSignature } from './signing.ts';

export type VerifyProblem = { position: number | null; seq: number | null; message: string; /** Set when a leaf did not match its event. */ altered?: true };

/** Every column as its text, bytea as bytes: no per-field Date or number parsing. */
export const rawTypes = { getTypeParser: (oid: number) => (oid === 17 ? (v: string) => Buffer.from(v.slice(2), 'hex') : (v: string) => v) };

/**
 * A page read from the database: its leaves in position order, and for each the leaf hash
 * recomputed from its event (null when the event is gone).
 */
export type Page = {
  count: number;
  position: (i: number) => number;
  eventSeq: (i: number) => number;
  storedHash: (i: number) => Buffer;
  recomputed: (i: number, position: number) => Buffer | null;
};

/**
 * The sealer's exact view of a page (`exactQuery`, built in verify.ts from the sealer's
 * select list): leaves in (from, to] joined to their events, timestamps formatted by to_char.
 */
export async function readPageExact(client: pg.Client | pg.PoolClient, exactQuery: string, from: number, to: number): Promise<Page> {
  type Row = Omit<SealedEntry, 'seq'> & { seq: string | null; position: string; eventSeq: string; storedHash: Buffer };
  const rows = (await client.query<Row>({ text: exactQuery, values: [from, to], types: rawTypes })).rows;
  return {
    count: rows.length,
    position: (i) => Number(rows[i]!.position),
    eventSeq: (i) => Number(rows[i]!.eventSeq),
    storedHash: (i) => rows[i]!.storedHash,
    // Every column is text here (rawTypes); the seq is a number in the canonical entry.
    recomputed: (i, position) => (rows[i]!.seq === null ? null : leafHashOfText(canonicalEntryText(position, { ...rows[i]!, seq: Number(rows[i]!.seq) }))),
  };
}

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/**
 * The same page as `readPageExact`, as two binary COPYs (leaves, then their events by seq)
 * joined here: PostgreSQL neither hashes nor sorts, and no column becomes a JavaScript
 * string — the leaf's bytes are assembled from the COPY bytes (`LeafEncoder`). Seqs and
 * positions rise nearly together, so a page's events are one short range; when the seqs
 * span 2 × the page's size + `slack` or more, they are asked for by list.
 */
export async function readPageFast(client: pg.Client | pg.PoolClient, from: number, to: number, slack = 1024): Promise<Page> {
  const leaves = new BinaryCopyReader(await copyOut(client, `copy (select position, event_seq, leaf_hash from audit_leaves
    where position > ${int(from)} and position <= ${int(to)} order by position) to stdout (format binary)`), 3);
  const positions: number[] = [];
  const seqs: number[] = [];
  const hashAt: number[] = [];
  while (leaves.next()) {
    positions.push(leaves.int8(0));
    seqs.push(leaves.int8(1));
    hashAt.push(leaves.lengths[2] === 32 ? leaves.starts[2]! : -1);
  }
  const stored = (i: number) => (hashAt[i]! >= 0 ? leaves.buf.subarray(hashAt[i]!, hashAt[i]! + 32) : Buffer.alloc(0));
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of seqs) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const where = seqs.length === 0 ? 'false'
    : hi - lo < 2 * seqs.length + slack ? `e.seq between ${int(lo)} and ${int(hi)}`
      : `e.seq = any('{${seqs.map(int).join(',')}}'::bigint[])`;
  const events = new BinaryCopyReader(await copyOut(client, `copy (select ${EVENT_COPY_COLUMNS} from audit_events e where ${where}) to stdout (format binary)`), EVENT_COPY_FIELDS);
  // Where each event's tuple starts, by seq; the reader is rewound to it to encode the leaf.
  const tupleAt = new Map<number, number>();
  for (let at = events.offset; events.next(); at = events.offset) tupleAt.set(events.int8(0), at);
  const encoder = new LeafEncoder();
  return {
    count: positions.length,
    position: (i) => positions[i]!,
    eventSeq: (i) => seqs[i]!,
    storedHash: stored,
    recomputed: (i, position) => {
      const at = tupleAt.get(seqs[i]!);
      if (at === undefined) return null;
      events.offset = at;
      events.next();
      return encoder.leafHash(events, position);
    },
  };
}

export type CheckedPage = {
  hashes: Buffer; count: number; problem: VerifyProblem | null;
  /** Set for a whole page of 2^k leaves (a perfect subtree): the caller appends it as one node. */
  root: Buffer | null;
  /** For each checkpoint inside the page (`inside`: leaves from the page start), the subtrees of the page up to it. */
  prefixes: Buffer[][];
};

/**
 * Recomputes the leaves of positions (from, to] from their events and compares
 * them with the stored leaf hashes. Returns the recomputed hashes (32 bytes each,
 * in position order) up to the first problem, and that problem.
 */
export function checkPage(page: Page, from: number, to: number, inside: number[] = []): CheckedPage {
  const hashes = Buffer.allocUnsafe((to - from) * 32);
  let count = 0;
  const done = (problem: VerifyProblem | null): CheckedPage => {
    const whole = !problem && count > 0 && (count & (count - 1)) === 0;
    if (!whole) return { hashes: hashes.subarray(0, count * 32), count, problem, root: null, prefixes: [] };
    const levels = perfectLevels(hashes, count);
    return { hashes: hashes.subarray(0, count * 32), count, problem, root: rootOfLevels(levels), prefixes: inside.map((m) => prefixSubtrees(levels, m)) };
  };
  for (let i = 0; i < page.count; i++) {
    const position = page.position(i);
    const expected = from + count + 1;
    if (position !== expected) return done({ position: expected, seq: null, message: `entry at position ${expected} is missing from the sealed log (deleted or reordered)` });
    const seq = page.eventSeq(i);
    const h = page.recomputed(i, position);
    if (!h) return done({ position, seq, message: `entry at position ${position} (event ${seq}) was deleted` });
    if (!h.equals(page.storedHash(i))) return done({ position, seq, message: `entry at position ${position} (event ${seq}) was altered after it was sealed`, altered: true });
    h.copy(hashes, count * 32);
    count++;
  }
  if (from + count < to) return done({ position: from + count + 1, seq: null, message: `entry at position ${from + count + 1} is missing from the sealed log (deleted or reordered)` });
  return done(null);
}

export type SignedCheckpoint = { id: number; treeSize: number; rootHash: Uint8Array; signedAt: string; signature: Uint8Array };

/**
 * Reads and checks one page, and the signatures of the checkpoints that end in it
 * (`badSignatures`: their ids). A leaf that does not match its event on the fast read is
 * checked again on the sealer's exact read before it is called altered, so anything the
 * fast read might render differently (a time after 2285) costs time, never a false alarm.
 */
export async function verifyPage(opts: { client: pg.Client | pg.PoolClient; exactQuery: string; from: number; to: number; inside: number[]; signed: SignedCheckpoint[]; publicKey: KeyObject }): Promise<CheckedPage & { badSignatures: number[] }> {
  const { client, from, to, inside } = opts;
  // Ed25519 verification takes ~120 µs a checkpoint: a year of checkpoints a minute is seconds of it, spread over the workers here.
  const badSignatures = opts.signed.filter((c) => !verifyCheckpointSignature(opts.publicKey, { ...c, rootHash: Buffer.from(c.rootHash), signature: Buffer.from(c.signature) })).map((c) => c.id);
  const fast = checkPage(await readPageFast(client, from, to), from, to, inside);
  if (!fast.problem?.altered) return { ...fast, badSignatures };
  return { ...checkPage(await readPageExact(client, opts.exactQuery, from, to), from, to, inside), badSignatures };
}
