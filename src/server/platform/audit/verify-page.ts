// Loaded by verify's worker threads: keep its imports light (no drizzle), so they start at once.
import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { canonicalEntryText } from './canonical.ts';
import { leafHashOfText, perfectLevels, prefixSubtrees, rootOfLevels } from './merkle.ts';
import { verifyCheckpointSignature } from './signing.ts';

export type VerifyProblem = { position: number | null; seq: number | null; message: string; /** Set when a leaf did not match its event. */ altered?: true };

/** Every column as its text, bytea as bytes: no per-field Date or number parsing on a million rows. */
export const rawTypes = { getTypeParser: (oid: number) => (oid === 17 ? (v: string) => Buffer.from(v.slice(2), 'hex') : (v: string) => v) };

/**
 * A page read from the database: its leaves as [position, event_seq, leaf_hash] in position
 * order, and the event of a seq as [seq, occurredAt, actorId, …, basis], undefined if none.
 */
export type Page = { leaves: unknown[][]; eventOf: (seq: number) => unknown[] | undefined };

/**
 * The sealer's exact view of a page (`exactQuery`, built in verify.ts from the sealer's
 * select list): leaves in (from, to] joined to their events, timestamps formatted by to_char.
 */
export async function readPageExact(client: pg.Client | pg.PoolClient, exactQuery: string, from: number, to: number): Promise<Page> {
  const rows = (await client.query({ text: exactQuery, values: [from, to], rowMode: 'array', types: rawTypes })).rows as unknown[][];
  const events = new Map<number, unknown[]>();
  for (const r of rows) if (r[3] === 't' || r[3] === true) events.set(Number(r[1]), r.slice(4));
  return { leaves: rows, eventOf: (seq) => events.get(seq) };
}

const leavesQuery = 'select position, event_seq, leaf_hash from audit_leaves where position > $1 and position <= $2 order by position';
// The sealer's columns, but the timestamp as PostgreSQL prints it (no to_char, the costliest
// column); `occurredAtOfPg` rewrites it into the sealed form.
const eventColumns = `e.seq, e.occurred_at at time zone 'UTC', e.actor_id, e.actor_role, e.action, e.object_type, e.object_id, e.case_id, e.outcome, e.request_id, e.reason, e.basis`;

/**
 * The same page as `readPageExact`, read as two index-range scans (leaves, then their
 * events by seq) and joined here, so PostgreSQL neither hashes nor sorts. Seqs and
 * positions rise nearly together, so a page's events are one short range; a page
 * whose seqs are scattered (`slack` more than twice its size) asks for them by list.
 */
export async function readPageFast(client: pg.Client | pg.PoolClient, from: number, to: number, slack = 1024): Promise<Page> {
  const leaves = (await client.query({ text: leavesQuery, values: [from, to], rowMode: 'array', types: rawTypes })).rows as unknown[][];
  if (leaves.length === 0) return { leaves, eventOf: () => undefined };
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of leaves) {
    const s = Number(l[1]);
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (hi - lo < 2 * leaves.length + slack) {
    const events = (await client.query({ text: `select ${eventColumns} from audit_events e where e.seq between $1 and $2`, values: [lo, hi], rowMode: 'array', types: rawTypes })).rows as unknown[][];
    const bySeq = new Array<unknown[] | undefined>(hi - lo + 1);
    for (const e of events) bySeq[Number(e[0]) - lo] = e;
    return { leaves, eventOf: (seq) => bySeq[seq - lo] };
  }
  const events = (await client.query({ text: `select ${eventColumns} from audit_events e where e.seq = any($1::bigint[])`, values: [leaves.map((l) => l[1])], rowMode: 'array', types: rawTypes })).rows as unknown[][];
  const bySeq = new Map<number, unknown[]>();
  for (const e of events) bySeq.set(Number(e[0]), e);
  return { leaves, eventOf: (seq) => bySeq.get(seq) };
}

/**
 * `timestamp` text as PostgreSQL prints it with DateStyle ISO ("2026-11-27 08:35:35.08")
 * in the sealed to_char form ("2026-11-27T08:35:35.080000Z"). Anything else is returned
 * unchanged: it then fails to match its leaf and the page is read again the sealer's way.
 */
export function occurredAtOfPg(t: string): string {
  if (t.length < 19 || t[10] !== ' ' || t[4] !== '-' || (t.length > 19 && t[19] !== '.')) return t;
  return `${t.slice(0, 10)}T${t.slice(11, 19)}.${t.slice(20).padEnd(6, '0')}Z`;
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
  for (const r of page.leaves) {
    const position = Number(r[0]);
    const expected = from + count + 1;
    if (position !== expected) return done({ position: expected, seq: null, message: `entry at position ${expected} is missing from the sealed log (deleted or reordered)` });
    const eventSeq = Number(r[1]);
    const e = page.eventOf(eventSeq);
    if (!e) return done({ position, seq: eventSeq, message: `entry at position ${position} (event ${eventSeq}) was deleted` });
    const seq = Number(e[0]);
    const h = leafHashOfText(canonicalEntryText(position, {
      seq, occurredAt: occurredAtOfPg(e[1] as string), actorId: e[2] as string | null, actorRole: e[3] as string | null, action: e[4] as string, objectType: e[5] as string | null,
      objectId: e[6] as string | null, caseId: e[7] as string | null, outcome: e[8] as string, requestId: e[9] as string | null, reason: e[10] as string | null, basis: e[11] as string | null,
    }));
    if (!h.equals(r[2] as Buffer)) return done({ position, seq, message: `entry at position ${position} (event ${seq}) was altered after it was sealed`, altered: true });
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
 * checked again on the sealer's exact read before it is called altered, so a timestamp
 * PostgreSQL prints in an unexpected form (a DateStyle setting, year 10000) costs time, never a false alarm.
 */
export async function verifyPage(opts: { client: pg.Client | pg.PoolClient; exactQuery: string; from: number; to: number; inside: number[]; signed: SignedCheckpoint[]; publicKey: KeyObject }): Promise<CheckedPage & { badSignatures: number[] }> {
  const { client, from, to, inside } = opts;
  // Ed25519 verification takes ~120 µs a checkpoint: a year of checkpoints a minute is seconds of it, spread over the workers here.
  const badSignatures = opts.signed.filter((c) => !verifyCheckpointSignature(opts.publicKey, { ...c, rootHash: Buffer.from(c.rootHash), signature: Buffer.from(c.signature) })).map((c) => c.id);
  const fast = checkPage(await readPageFast(client, from, to), from, to, inside);
  if (!fast.problem?.altered) return { ...fast, badSignatures };
  return { ...checkPage(await readPageExact(client, opts.exactQuery, from, to), from, to, inside), badSignatures };
}
