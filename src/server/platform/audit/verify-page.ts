// Loaded by verify's worker threads: keep its imports light (no drizzle), so they start at once.
import type pg from 'pg';
import { canonicalEntryText } from './canonical.ts';
import { leafHashOfText, perfectLevels, prefixSubtrees } from './merkle.ts';

export type VerifyProblem = { position: number | null; seq: number | null; message: string };

/** Every column as its text, bytea as bytes: no per-field Date or number parsing on a million rows. */
export const rawTypes = { getTypeParser: (oid: number) => (oid === 17 ? (v: string) => Buffer.from(v.slice(2), 'hex') : (v: string) => v) };

export async function readPage(client: pg.Client | pg.PoolClient, query: string, from: number, to: number): Promise<string[][]> {
  return (await client.query({ text: query, values: [from, to], rowMode: 'array', types: rawTypes })).rows as string[][];
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
export function checkPage(rows: unknown[][], from: number, to: number, inside: number[] = []): CheckedPage {
  const hashes = Buffer.allocUnsafe((to - from) * 32);
  let count = 0;
  const done = (problem: VerifyProblem | null): CheckedPage => {
    const whole = !problem && count > 0 && (count & (count - 1)) === 0;
    if (!whole) return { hashes: hashes.subarray(0, count * 32), count, problem, root: null, prefixes: [] };
    const levels = perfectLevels(hashes, count);
    return { hashes: hashes.subarray(0, count * 32), count, problem, root: levels[levels.length - 1]![0]!, prefixes: inside.map((m) => prefixSubtrees(levels, m)) };
  };
  for (const r of rows) {
    const position = Number(r[0]);
    const expected = from + count + 1;
    if (position !== expected) return done({ position: expected, seq: null, message: `entry at position ${expected} is missing from the sealed log (deleted or reordered)` });
    const eventSeq = Number(r[1]);
    if (r[3] !== 't' && r[3] !== true) return done({ position, seq: eventSeq, message: `entry at position ${position} (event ${eventSeq}) was deleted` });
    const seq = Number(r[4]);
    const h = leafHashOfText(canonicalEntryText(position, {
      seq, occurredAt: r[5] as string, actorId: r[6] as string | null, actorRole: r[7] as string | null, action: r[8] as string, objectType: r[9] as string | null,
      objectId: r[10] as string | null, caseId: r[11] as string | null, outcome: r[12] as string, requestId: r[13] as string | null, reason: r[14] as string | null, basis: r[15] as string | null,
    }));
    if (!h.equals(r[2] as Buffer)) return done({ position, seq, message: `entry at position ${position} (event ${seq}) was altered after it was sealed` });
    h.copy(hashes, count * 32);
    count++;
  }
  if (from + count < to) return done({ position: from + count + 1, seq: null, message: `entry at position ${from + count + 1} is missing from the sealed log (deleted or reordered)` });
  return done(null);
}
