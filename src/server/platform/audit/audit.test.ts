import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor } from '../../testing/factories.ts';
import { sealPending } from './seal.ts';
import { checkpointMessage, loadSigner } from './signing.ts';
import { canonicalEntryText, type SealedEntry } from './canonical.ts';
import { BinaryCopyReader, copyOut } from './copy-out.ts';
import { EVENT_COPY_COLUMNS, EVENT_COPY_FIELDS, LeafEncoder } from './leaf-bytes.ts';
import { leafHashOfText } from './merkle.ts';
import { checkPage, readPageFast } from './verify-page.ts';
import { verifyAudit } from './verify.ts';

let env: TestEnv;
let managerCookie: string;

beforeAll(async () => {
  env = await createTestEnv();
  managerCookie = await sessionFor(env, await makeStaff(env, { role: 'manager' }));
});
afterAll(() => env.close());


async function someActivity(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = await makeCase(env, managerCookie);
    await api(env, managerCookie).get(`/api/cases/${id}`);
  }
}

describe('append-only audit trail', () => {
  it('cannot be changed or deleted by the runtime role', async () => {
    await someActivity(1);
    await expect(env.ctx.db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const privileges = await env.ctx.db.execute<{ u: boolean; d: boolean; i: boolean }>(sql`select has_table_privilege('audit_events', 'UPDATE') as u, has_table_privilege('audit_events', 'DELETE') as d, has_table_privilege('audit_events', 'INSERT') as i`);
    expect(privileges.rows[0]).toEqual({ u: false, d: false, i: true });
  });

  it('fails the read when its audit entry cannot be written, and returns no data', async () => {
    const id = await makeCase(env, managerCookie, { codename: 'Unaudited Read' });
    const role = (await env.ctx.db.execute<{ u: string }>(sql`select current_user as u`)).rows[0]!.u;
    await env.owner.query(`revoke insert on audit_events from ${role}`);
    try {
      const res = await api(env, managerCookie).get(`/api/cases/${id}`);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('Unaudited Read');
    } finally {
      await env.owner.query(`grant insert on audit_events to ${role}`);
    }
  });
});

describe('audit verify names the first bad position', () => {
  /** Each scenario gets its own database with a sealed, verified log of a few dozen entries. */
  async function freshLog(opts: { rounds?: number; casesPerRound?: number } = {}) {
    const e = await createTestEnv();
    const cookie = await sessionFor(e, await makeStaff(e, { role: 'manager' }));
    const signer = e.ctx.signer;
    const sealNow = () => sealPending({ db: e.ctx.db, signer, checkpointEveryMs: 0, force: true });
    for (let round = 0; round < (opts.rounds ?? 2); round++) {
      for (let i = 0; i < (opts.casesPerRound ?? 4); i++) {
        const id = await makeCase(e, cookie);
        await api(e, cookie).get(`/api/cases/${id}`);
      }
      await sealNow();
    }
    // Every report three ways: read in this thread; by worker threads in pages of 4 (whole pages appended as
    // Merkle subtrees, checkpoints inside pages leaf by leaf); and in pages of 3 (never a perfect subtree).
    const check = async () => {
      const inline = await verifyAudit({ db: e.ctx.db, publicKey: signer.publicKey, graceSeconds: 0, workers: 0 });
      for (const paged of [{ pageSize: 4, workers: 2 }, { pageSize: 3, workers: 2 }]) {
        expect(await verifyAudit({ db: e.ctx.db, publicKey: signer.publicKey, graceSeconds: 0, ...paged })).toEqual(inline);
      }
      return inline;
    };
    const first = await check();
    expect(first.ok).toBe(true);
    expect(first.entries).toBeGreaterThan(10);
    expect(first.checkpoints).toBe(opts.rounds ?? 2);
    const attack = async (statement: string, params: unknown[] = []) => {
      const c = await e.owner.connect();
      try {
        await c.query('begin');
        for (const t of ['audit_events', 'audit_leaves', 'audit_checkpoints', 'audit_reasons']) await c.query(`alter table ${t} disable trigger user`);
        await c.query(statement, params);
        for (const t of ['audit_events', 'audit_leaves', 'audit_checkpoints', 'audit_reasons']) await c.query(`alter table ${t} enable trigger user`);
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    const seqAt = async (position: number) => (await e.owner.query(`select event_seq from audit_leaves where position = $1`, [position])).rows[0].event_seq as number;
    return { e, check, attack, seqAt, sealNow };
  }

  /** A well-formed checkpoint signature, made with a fresh key instead of this installation's. */
  function signWithAnotherKey(dataDir: string, c: { treeSize: number; rootHash: Buffer; signedAt: string }): Buffer {
    const { privateKey } = generateKeyPairSync('ed25519');
    return loadSigner({ fromEnv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), dataDir }).sign(checkpointMessage(c));
  }

  /** Edits the entry at `position` and, as anyone could (it is plain SHA-256), recomputes its stored leaf hash. */
  async function rewriteWithRecomputedLeaf({ e, attack, seqAt }: Awaited<ReturnType<typeof freshLog>>, position: number) {
    const seq = await seqAt(position);
    await attack(`update audit_events set outcome = 'denied' where seq = $1`, [seq]);
    const { canonicalEntry, entryColumns } = await import('./entry.ts');
    const { leafHash } = await import('./merkle.ts');
    const row = (await e.ctx.db.execute(sql`select ${entryColumns} from audit_events e where e.seq = ${seq}`)).rows[0] as never;
    await attack(`update audit_leaves set leaf_hash = $1 where position = $2`, [leafHash(canonicalEntry(position, row)), position]);
  }

  it('a person\'s reason deleted or swapped for another (encrypted beside the log, its digest in the entry)', async () => {
    const { e, check, attack, sealNow } = await freshLog();
    const cookie = await sessionFor(e, await makeStaff(e, { role: 'manager' }));
    const id = await makeCase(e, cookie);
    const v = (await api(e, cookie).get(`/api/cases/${id}`)).json().version;
    await api(e, cookie).post(`/api/cases/${id}/transition`, { to: 'intake', expectedVersion: v });
    const w = (await api(e, cookie).get(`/api/cases/${id}`)).json().version;
    expect((await api(e, cookie).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'other', text: 'moved away', expectedVersion: w })).statusCode).toBe(200);
    const x = (await api(e, cookie).get(`/api/cases/${id}`)).json().version;
    expect((await api(e, cookie).post(`/api/cases/${id}/transition`, { to: 'reopened', reason: 'Came back after the move', expectedVersion: x })).statusCode).toBe(200);
    await sealNow();
    expect((await check()).ok).toBe(true);
    // The runtime role and even the owner (triggers) cannot change it; an attacker who disables the triggers can.
    await expect(e.owner.query(`delete from audit_reasons`)).rejects.toThrow();
    const other = await e.owner.query(`select reason_enc from audit_reasons limit 1`);
    await attack(`update audit_reasons set reason_enc = $1 || '\\x00'::bytea where id = (select id from audit_reasons order by created_at desc limit 1)`, [other.rows[0].reason_enc]);
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.firstProblem!.message).toMatch(/reason of event \d+ was deleted or replaced/);
    const log = (await api(e, cookie).get(`/api/cases/${id}/access-log`)).json().entries as { action: string; reason: string | null }[];
    expect(log.find((x) => x.action === 'case.transition.reopened')?.reason).toBeNull();
    await e.close();
  });

  it('edited entry', async () => {
    const { e, check, attack, seqAt } = await freshLog();
    const seq = await seqAt(5);
    await attack(`update audit_events set actor_role = 'finance' where seq = $1`, [seq]);
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ position: 5, seq });
    expect(r.firstProblem!.message).toMatch(/altered/);
    await e.close();
  });

  it('deleted entry', async () => {
    const { e, check, attack, seqAt } = await freshLog();
    await attack(`delete from audit_events where seq = $1`, [await seqAt(4)]);
    const r = await check();
    expect(r.firstProblem).toMatchObject({ position: 4 });
    expect(r.firstProblem!.message).toMatch(/deleted/);
    await e.close();
  });

  it('deleted entry together with its leaf', async () => {
    const { e, check, attack, seqAt } = await freshLog();
    const seq = await seqAt(6);
    await attack(`delete from audit_leaves where position = 6; delete from audit_events where seq = ${Number(seq)}`);
    const r = await check();
    expect(r.firstProblem).toMatchObject({ position: 6 });
    await e.close();
  });

  it('entry inserted beside the sealed order', async () => {
    const { e, check, attack, seqAt } = await freshLog();
    const seq = await seqAt(2);
    await attack(`insert into audit_events (seq, occurred_at, action, outcome) overriding system value values ($1, now() - interval '1 hour', 'case.read', 'success')`, [-seq]);
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ seq: -seq });
    expect(r.firstProblem!.message).toMatch(/inserted/);
    await e.close();
  });

  it('two entries swapped (reordered)', async () => {
    const { e, check, attack, seqAt } = await freshLog();
    const a = await seqAt(7);
    const b = await seqAt(8);
    await attack(`update audit_leaves set event_seq = -1 where position = 7; update audit_leaves set event_seq = ${Number(a)} where position = 8; update audit_leaves set event_seq = ${Number(b)} where position = 7`);
    const r = await check();
    expect(r.firstProblem).toMatchObject({ position: 7 });
    await e.close();
  });

  it('many checkpoints inside pages: every way of reading names the same first bad checkpoint', async () => {
    // A checkpoint after every case (a few entries each): with pages of 4 most fall inside a page.
    const log = await freshLog({ rounds: 9, casesPerRound: 1 });
    await rewriteWithRecomputedLeaf(log, 7);
    const r = await log.check();
    expect(r.ok).toBe(false);
    // The first checkpoint at or after position 7 is the one that no longer matches.
    const sizes = (await log.e.owner.query<{ tree_size: string }>(`select tree_size from audit_checkpoints order by id`)).rows.map((x) => Number(x.tree_size));
    expect(r.firstProblem!.position).toBe(sizes.find((size) => size >= 7));
    expect(r.firstProblem!.message).toMatch(/do not match signed checkpoint/);
    await log.e.close();
  });

  it('entries rewritten with recomputed leaf hashes are caught by the signed checkpoint', async () => {
    const log = await freshLog();
    await rewriteWithRecomputedLeaf(log, 3);
    const r = await log.check();
    expect(r.ok).toBe(false);
    expect(r.firstProblem!.message).toMatch(/checkpoint/);
    await log.e.close();
  });

  it('an entry whose time the fast read cannot write (after 2285, beyond 2^53 µs) still verifies: its page is read again the sealer\'s way', async () => {
    const { e, check, attack, sealNow } = await freshLog();
    await e.ctx.db.execute(sql`insert into audit_events (occurred_at, action, outcome) values ('2300-06-01 12:00:00.5+00', 'case.read', 'success')`);
    await sealNow();
    const last = Number((await e.owner.query(`select max(position) as n from audit_leaves`)).rows[0].n);
    const client = await e.handle.pool.connect();
    try {
      // The fast read alone calls it altered; verify must not.
      expect(checkPage(await readPageFast(client, 0, last), 0, last).problem).toMatchObject({ position: last, altered: true });
      // Events asked for by list (a page whose seqs are scattered) give the same leaves as by range.
      const byRange = checkPage(await readPageFast(client, 0, last - 1), 0, last - 1);
      const byList = checkPage(await readPageFast(client, 0, last - 1, -Infinity), 0, last - 1);
      expect(byRange.problem).toBeNull();
      expect(byList).toEqual(byRange);
    } finally {
      client.release();
    }
    expect(await check()).toMatchObject({ ok: true, entries: last });
    // …and a real alteration of that entry is still named.
    await attack(`update audit_events set outcome = 'denied' where occurred_at > '2290-01-01'`);
    expect((await check()).firstProblem).toMatchObject({ position: last, message: expect.stringMatching(/altered/) });
    await e.close();
  });

  it('the fast read builds every leaf byte for byte as the sealer did, whatever the text and the time', async () => {
    const { entryColumns } = await import('./entry.ts');
    const { PgDialect } = await import('drizzle-orm/pg-core');
    // Any text, and text made of the characters JSON escapes or that take several UTF-8 bytes, which random code points seldom hit.
    const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u001f', '\u007f', 'a', 'é', '€', '😀', '\u2028', ' '), maxLength: 12 });
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }).map((x) => x.replaceAll('\0', '')), tricky);
    const text = fc.option(anyText, { nil: null });
    const entry = fc.record({
      // Instants from 1938 to 2049, rounded so that every length of fraction occurs.
      micros: fc.tuple(fc.bigInt({ min: -1_000_000_000_000_000n, max: 2_500_000_000_000_000n }), fc.constantFrom(1n, 10n, 1_000n, 100_000n, 1_000_000n)).map(([t, step]) => t - (t % step)),
      actorId: fc.option(fc.uuid(), { nil: null }), actorRole: text, action: anyText, objectType: text, objectId: text,
      caseId: fc.option(fc.uuid(), { nil: null }), outcome: fc.constantFrom('success', 'denied'), requestId: text, reason: text, basis: text,
    });
    const client = await env.owner.connect();
    try {
      await client.query(`create temp table e (seq int8, occurred_at timestamptz, actor_id uuid, actor_role text, action text, object_type text, object_id text, case_id uuid, outcome text, request_id text, reason text, basis text)`);
      const selectList = new PgDialect().sqlToQuery(sql`${entryColumns}`).sql;
      await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 2 ** 40 }), async (entries, firstPosition) => {
        await client.query('truncate e');
        for (const [i, x] of entries.entries()) {
          await client.query(`insert into e values ($1, timestamptz 'epoch' + $2::int8 * interval '1 microsecond', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [i + 1, String(x.micros), x.actorId, x.actorRole, x.action, x.objectType, x.objectId, x.caseId, x.outcome, x.requestId, x.reason, x.basis]);
        }
        const sealed = (await client.query(`select ${selectList} from e order by e.seq`)).rows as SealedEntry[];
        const copied = new BinaryCopyReader(await copyOut(client, `copy (select ${EVENT_COPY_COLUMNS} from e order by e.seq) to stdout (format binary)`), EVENT_COPY_FIELDS);
        const encoder = new LeafEncoder();
        for (const [i, row] of sealed.entries()) {
          expect(copied.next()).toBe(true);
          const position = firstPosition + i;
          expect(encoder.leafHash(copied, position).toString('hex')).toBe(leafHashOfText(canonicalEntryText(position, { ...row, seq: Number(row.seq) })).toString('hex'));
        }
        expect(copied.next()).toBe(false);
      }), { numRuns: 40 });
      // A COPY that fails rejects with the database's error and leaves the connection usable.
      await expect(copyOut(client, 'copy (select 1 / 0) to stdout (format binary)')).rejects.toThrow(/division by zero/);
      expect((await client.query('select 41 + 1 as n')).rows[0].n).toBe(42);
    } finally {
      await client.query('drop table if exists e').catch(() => undefined);
      client.release();
    }
  });

  it('a leaf slipped in below position 1 (for an event added beside the log)', async () => {
    const { e, check, attack } = await freshLog();
    await attack(`with ev as (insert into audit_events (occurred_at, action, outcome) values (now() - interval '1 hour', 'case.read', 'success') returning seq)
      insert into audit_leaves (position, event_seq, leaf_hash, sealer_xmin) select -1, seq, '\\x00'::bytea, 0 from ev`);
    expect((await check()).firstProblem).toMatchObject({ position: -1, message: expect.stringMatching(/outside the sealed order/) });
    await e.close();
  });

  it('a forged checkpoint added later with a smaller tree size is reached in tree order and named', async () => {
    const { e, check, attack } = await freshLog();
    const signedAt = new Date().toISOString();
    const rootHash = Buffer.alloc(32, 7);
    const signature = signWithAnotherKey(e.dataDir, { treeSize: 3, rootHash, signedAt });
    await attack(`insert into audit_checkpoints (tree_size, root_hash, frontier, signed_at, key_id, signature) values (3, $1, '[]', $2, 'forged', $3)`, [rootHash, signedAt, signature]);
    expect((await check()).firstProblem).toMatchObject({ position: 3, message: expect.stringMatching(/not signed by this installation/) });
    await e.close();
  });

  it('a checkpoint signed with another key, in the middle of the log (its signature is checked with its page)', async () => {
    const { e, check, attack } = await freshLog({ rounds: 5, casesPerRound: 1 });
    const cp = (await e.owner.query(`select id, tree_size, root_hash, to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as signed_at from audit_checkpoints order by id offset 2 limit 1`)).rows[0];
    const forged = signWithAnotherKey(e.dataDir, { treeSize: Number(cp.tree_size), rootHash: cp.root_hash, signedAt: cp.signed_at });
    await attack(`update audit_checkpoints set signature = $1 where id = $2`, [forged, cp.id]);
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ position: Number(cp.tree_size), message: expect.stringMatching(new RegExp(`checkpoint #${cp.id} .*not signed by this installation`)) });
    await e.close();
  });
});

describe('sealing', () => {
  it('does not look at old entries again: the next run starts from the last run\'s floor', async () => {
    const e = await createTestEnv();
    try {
      // An unrelated transaction holds the horizon back while the bulk is sealed, so the leaves carry an old xmin.
      const idle = await e.handle.pool.connect();
      await idle.query('begin');
      await idle.query('select pg_current_xact_id()');
      await e.ctx.db.execute(sql`insert into audit_events (action, outcome) select 'bulk', 'success' from generate_series(1, 50)`);
      const first = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 0, force: true });
      expect(first.sealed).toBe(50);
      await idle.query('commit');
      idle.release();
      const quiet = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 0, force: true, sealedBefore: first.xmin! });
      expect(quiet.sealed).toBe(0);
      // What the next run's scan reads: from the last leaf's xmin alone, all 50 again (every second, forever); from the floor, none.
      const scanned = async (floor: number) => (await e.owner.query<{ n: number }>(`select count(*)::int as n from audit_events where txid >= greatest($1::bigint, (select sealer_xmin from audit_leaves order by position desc limit 1))`, [floor])).rows[0]!.n;
      expect(await scanned(0)).toBe(50);
      expect(await scanned(quiet.xmin!)).toBe(0);
      await e.ctx.db.execute(sql`insert into audit_events (action, outcome) values ('later', 'success')`);
      const next = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 0, force: true, sealedBefore: quiet.xmin! });
      expect(next.sealed).toBe(1);
      expect(await verifyAudit({ db: e.ctx.db, publicKey: e.ctx.signer.publicKey, graceSeconds: 0 })).toMatchObject({ ok: true, pending: 0 });
    } finally {
      await e.close();
    }
  });

  it('signs a checkpoint every 10,000 entries also within one run, so a bulk of history is not one long unsigned tail', async () => {
    const e = await createTestEnv();
    try {
      await e.ctx.db.execute(sql`insert into audit_events (action, outcome) select 'bulk', 'success' from generate_series(1, 25000)`);
      const run = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 60_000, force: true });
      expect(run).toMatchObject({ sealed: 25000, checkpoint: true });
      const sizes = (await e.owner.query<{ n: string }>(`select tree_size as n from audit_checkpoints order by id`)).rows.map((r) => Number(r.n));
      expect(sizes).toEqual([10000, 20000, 25000]);
      expect(await verifyAudit({ db: e.ctx.db, publicKey: e.ctx.signer.publicKey, graceSeconds: 0 })).toMatchObject({ ok: true, entries: 25000, checkpoints: 3 });
    } finally {
      await e.close();
    }
  });

  it('seals an entry whose transaction commits after later entries were already sealed', async () => {
    const e = await createTestEnv();
    try {
      const slow = await e.handle.pool.connect();
      await slow.query('begin');
      await slow.query(`insert into audit_events (action, outcome) values ('slow.tx', 'success')`);
      await e.ctx.db.execute(sql`insert into audit_events (action, outcome) values ('fast.tx', 'success')`);
      const first = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 0, force: true });
      expect(first.sealed).toBeGreaterThanOrEqual(1);
      await slow.query('commit');
      slow.release();
      // The floor the first run hands on must not skip the transaction that was still open when it looked.
      const second = await sealPending({ db: e.ctx.db, signer: e.ctx.signer, checkpointEveryMs: 0, force: true, sealedBefore: first.xmin! });
      expect(second.sealed).toBe(1);
      const report = await verifyAudit({ db: e.ctx.db, publicKey: e.ctx.signer.publicKey, graceSeconds: 0 });
      expect(report).toMatchObject({ ok: true, pending: 0 });
    } finally {
      await e.close();
    }
  });
});

describe('audited reads under concurrency', () => {
  it('writes one entry per concurrent read, each before its answer', async () => {
    const e = await createTestEnv();
    try {
      const cookie = await sessionFor(e, await makeStaff(e, { role: 'manager' }));
      const id = await makeCase(e, cookie);
      const answers = await Promise.all(Array.from({ length: 60 }, () => api(e, cookie).get(`/api/cases/${id}`)));
      expect(answers.every((a) => a.statusCode === 200)).toBe(true);
      // Every answered request id has its committed entry (nothing still in flight).
      const ids = answers.map((a) => a.headers['x-request-id']);
      const rows = await e.owner.query(`select request_id from audit_events where action = 'case.read' and request_id = any($1)`, [ids]);
      expect(rows.rowCount).toBe(60);
    } finally {
      await e.close();
    }
  });
});
