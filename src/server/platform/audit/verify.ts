import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { entryColumns } from './entry.ts';
import { appendLeaf, appendSubtree, emptyFrontier, rootOf, type Frontier } from './merkle.ts';
import { verifyPage, type VerifyProblem } from './verify-page.ts';
import { brokenReasonSql } from './reasons.ts';
import { verifyCheckpointSignature } from './signing.ts';

export type { VerifyProblem };

export type VerifyReport = {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** Events committed but not sealed yet (newer than the grace period): not an error. */
  pending: number;
  firstProblem: VerifyProblem | null;
};

/** Leaves per page: a power of two, so a whole page is a perfect subtree of the Merkle tree. */
const PAGE = 8_192;

/**
 * One page of the sealed log as the sealer saw it: leaves in (from, to], with their events. The events are
 * fetched by the range of seqs the page's leaves point to (seqs and positions rise
 * nearly together), which reads them in index order; a plain join would hash the
 * whole event table for every page.
 */
const exactQuery = `with l as materialized (select position, event_seq, leaf_hash from audit_leaves where position > $1 and position <= $2)
  select l.position, l.event_seq as "eventSeq", l.leaf_hash as "storedHash", ${new PgDialect().sqlToQuery(sql`${entryColumns}`).sql}
  from l left join audit_events e on e.seq = l.event_seq and e.seq between (select min(event_seq) from l) and (select max(event_seq) from l)
  order by l.position`;

type Checkpoint = { id: number; treeSize: number; rootHash: Buffer; signedAt: string; signature: Buffer };
/** `prefixes[i]`: the page's subtrees up to the checkpoint `inside[i]` leaves into the page. */
type PageResult = { hashes: Uint8Array; count: number; problem: VerifyProblem | null; root: Uint8Array | null; inside: number[]; prefixes: Uint8Array[][]; badSignatures: number[] };

/**
 * Pages of recomputed leaves, in order. Large logs are read and hashed by worker
 * threads, each on its own connection, a few pages ahead of the caller.
 */
function pageSource(opts: { db: Db; pageSize: number; last: number; workers: number; checkpoints: Checkpoint[]; publicKey: KeyObject }): { get: (page: number) => Promise<PageResult>; close: () => Promise<void> } {
  // The checkpoints that end in each page: (from, to].
  const endingIn = new Map<number, Checkpoint[]>();
  for (const c of opts.checkpoints) {
    if (c.treeSize < 1 || c.treeSize > opts.last) continue;
    const page = Math.ceil(c.treeSize / opts.pageSize) - 1;
    const list = endingIn.get(page) ?? [];
    if (list.length === 0) endingIn.set(page, list);
    list.push(c);
  }
  const range = (page: number) => {
    const from = page * opts.pageSize;
    const to = Math.min(opts.last, from + opts.pageSize);
    // Own copies of the bytes: a Buffer from the driver is a view of a shared 8 KiB block, and posting
    // it to a worker would copy the whole block for every checkpoint.
    const signed = (endingIn.get(page) ?? []).map((c) => ({ ...c, rootHash: new Uint8Array(c.rootHash), signature: new Uint8Array(c.signature) }));
    // Checkpoints strictly inside the page, counted from its start: the page's subtrees up to each come back with it.
    const inside = [...new Set(signed.filter((c) => c.treeSize < to).map((c) => c.treeSize - from))];
    return { from, to, inside, signed };
  };
  if (opts.workers === 0 || opts.last <= opts.pageSize) {
    return {
      get: async (page) => {
        const { from, to, inside, signed } = range(page);
        const client = await opts.db.$client.connect();
        try {
          return { ...(await verifyPage({ client, exactQuery, from, to, inside, signed, publicKey: opts.publicKey })), inside };
        } finally {
          client.release();
        }
      },
      close: async () => undefined,
    };
  }
  const connectionString = (opts.db.$client as unknown as { options: { connectionString: string } }).options.connectionString;
  const waiting = new Map<number, { resolve: (r: PageResult) => void; reject: (e: Error) => void; inside: number[] }>();
  const results = new Map<number, Promise<PageResult>>();
  let failed: Error | null = null;
  const workers = Array.from({ length: opts.workers }, () => {
    const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: { connectionString, exactQuery, publicKeyDer: opts.publicKey.export({ type: 'spki', format: 'der' }) } });
    w.on('message', (m: Partial<PageResult> & { page?: number; error?: string }) => {
      if (m.page === undefined) return;
      const p = waiting.get(m.page);
      waiting.delete(m.page);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve({ hashes: m.hashes!, count: m.count!, problem: m.problem ?? null, root: m.root ?? null, inside: p.inside, prefixes: m.prefixes ?? [], badSignatures: m.badSignatures ?? [] });
    });
    w.on('error', (e) => {
      failed = e;
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    });
    return w;
  });
  let next = 0;
  const total = Math.ceil(opts.last / opts.pageSize);
  const request = (page: number) => {
    const result = new Promise<PageResult>((resolve, reject) => {
      // A worker that died answers nothing more.
      if (failed) return reject(failed);
      const r = range(page);
      waiting.set(page, { resolve, reject, inside: r.inside });
      workers[page % workers.length]!.postMessage({ page, ...r });
    });
    // Pages read ahead may fail after verify has stopped at a problem; nobody awaits those.
    result.catch(() => undefined);
    results.set(page, result);
  };
  return {
    get: (page) => {
      // Keep two pages per worker in flight ahead of the one asked for.
      while (next < total && next <= page + workers.length * 2) request(next++);
      const r = results.get(page)!;
      results.delete(page);
      return r;
    },
    close: async () => {
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => { w.once('exit', () => resolve()); w.postMessage('close'); setTimeout(() => void w.terminate(), 2_000).unref(); })));
    },
  };
}

/**
 * Recomputes every leaf from the events, the Merkle root at every checkpoint,
 * and checks each checkpoint's signature. Stops at the first problem and names it.
 */
export async function verifyAudit(opts: { db: Db; publicKey: KeyObject; graceSeconds?: number; onProgress?: (done: number, total: number) => void; pageSize?: number; workers?: number }): Promise<VerifyReport> {
  const { db } = opts;
  // In tree order, not insertion order: a checkpoint slipped in later with a smaller tree size is then
  // reached with its page and its signature checked, instead of never being reached at all.
  const checkpoints = (await db.execute<Checkpoint>(sql`select id, tree_size as "treeSize", root_hash as "rootHash",
    to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "signedAt", signature from audit_checkpoints order by tree_size, id`)).rows;
  const bounds = (await db.execute<{ last: string | null; first: string | null }>(sql`select max(position) as last, min(position) as first from audit_leaves`)).rows[0];
  const last = Number(bounds?.last ?? 0);
  const fail = (p: VerifyProblem, entries: number): VerifyReport => ({ ok: false, entries, checkpoints: checkpoints.length, pending: 0, firstProblem: p });
  // Pages cover positions 1..last; a leaf below them would vouch for an event unseen.
  if (bounds?.first != null && Number(bounds.first) < 1) {
    return fail({ position: Number(bounds.first), seq: null, message: `a leaf at position ${bounds.first} lies outside the sealed order, which starts at 1: it was inserted outside Exitdesk` }, 0);
  }

  const unsigned = (c: Checkpoint, entries: number) => fail({ position: c.treeSize, seq: null, message: `checkpoint #${c.id} (tree size ${c.treeSize}) is not signed by this installation's audit signing key` }, entries);
  // Signatures are checked with the page each checkpoint ends in (in the workers); these end in none.
  for (const c of checkpoints) {
    if ((c.treeSize < 1 || c.treeSize > last) && !verifyCheckpointSignature(opts.publicKey, c)) return unsigned(c, 0);
  }
  const pageSize = opts.pageSize ?? PAGE;
  const rewritten = (c: Checkpoint) => `the first ${c.treeSize} entries do not match signed checkpoint #${c.id}: entries up to position ${c.treeSize} were rewritten`;
  const source = pageSource({ db, pageSize, last, workers: opts.workers ?? Math.min(4, availableParallelism()), checkpoints, publicKey: opts.publicKey });
  let cpIndex = 0;
  let f: Frontier = emptyFrontier();
  /** Ids of the checkpoints with a bad signature among those ending in the current page. */
  let badSignatures = new Set<number>();
  const checkCheckpoints = (): VerifyReport | null => {
    while (cpIndex < checkpoints.length && checkpoints[cpIndex]!.treeSize === f.size) {
      const c = checkpoints[cpIndex]!;
      if (badSignatures.has(c.id)) return unsigned(c, f.size);
      if (!rootOf(f).equals(c.rootHash)) {
        return fail({ position: c.treeSize, seq: null, message: rewritten(c) }, f.size);
      }
      cpIndex++;
    }
    return null;
  };
  try {
    for (let page = 0; page * pageSize < last; page++) {
      const r = await source.get(page);
      badSignatures = new Set(r.badSignatures);
      const from = page * pageSize;
      const nextCheckpoint = checkpoints[cpIndex]?.treeSize ?? Infinity;
      if (r.root && f.size === from && from % r.count === 0 && nextCheckpoint > from) {
        // A whole page is one perfect subtree, computed by a worker. A checkpoint inside it is checked
        // against the frontier so far plus the page's subtrees up to the checkpoint.
        while (cpIndex < checkpoints.length && checkpoints[cpIndex]!.treeSize < from + r.count) {
          const c = checkpoints[cpIndex]!;
          if (badSignatures.has(c.id)) return unsigned(c, c.treeSize);
          const at = r.inside.indexOf(c.treeSize - from);
          // Cannot happen in tree order; if it did, the checkpoint stays unreached and verify fails below.
          if (at < 0) break;
          const prefix = r.prefixes[at]!.map((h) => Buffer.from(h));
          if (!rootOf({ size: c.treeSize, hashes: [...f.hashes, ...prefix] }).equals(c.rootHash)) {
            return fail({ position: c.treeSize, seq: null, message: rewritten(c) }, c.treeSize);
          }
          cpIndex++;
        }
        f = appendSubtree(f, Buffer.from(r.root), Math.log2(r.count));
      } else {
        const hashes = Buffer.from(r.hashes.buffer, r.hashes.byteOffset, r.hashes.byteLength);
        for (let i = 0; i < r.count; i++) {
          f = appendLeaf(f, hashes.subarray(i * 32, i * 32 + 32));
          const bad = checkCheckpoints();
          if (bad) return bad;
        }
      }
      const bad = checkCheckpoints();
      if (bad) return bad;
      // `altered` is how a page tells verifyPage to read it again; the report names the problem only.
      if (r.problem) return fail({ position: r.problem.position, seq: r.problem.seq, message: r.problem.message }, f.size);
      opts.onProgress?.(f.size, last);
    }
  } finally {
    await source.close();
  }
  if (cpIndex < checkpoints.length) {
    const c = checkpoints[cpIndex]!;
    return fail({ position: f.size + 1, seq: null, message: `signed checkpoint #${c.id} covers ${c.treeSize} entries but only ${f.size} remain: entries from position ${f.size + 1} were deleted` }, f.size);
  }
  // Events that never got a place although they are old were slipped in beside the sealed order.
  // Every position 1..last has been matched to an event by now, each to a different one (event_seq
  // is unique in audit_leaves) and no leaf lies outside them, so if there are no more events than
  // positions there is none without a place, and the anti-join over the whole log (most of a second
  // per million entries, on every core) is skipped.
  const grace = opts.graceSeconds ?? 120;
  const events = Number((await db.execute<{ n: string }>(sql`select count(*) as n from audit_events`)).rows[0]!.n);
  const stray = events === f.size ? [] : (await db.execute<{ seq: number; old: boolean }>(sql`select e.seq, e.occurred_at < clock_timestamp() - make_interval(secs => ${grace}) as old
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
