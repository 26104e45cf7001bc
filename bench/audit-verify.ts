// Part of `npm run bench` (issue 4): `exitdesk audit verify` over 1,000,000 sealed entries, against
// hashing the same canonical bytes with node:crypto SHA-256 alone (the ceiling), and against
// reading the same rows from PostgreSQL and hashing them (a ceiling that includes the database).
// BENCH_AUDIT_ENTRIES changes the count, BENCH_ROUNDS the rounds (median reported), BENCH_CHECKPOINT_EVERY
// the checkpoint spacing of the second measurement (0 skips it).
import { createHash, hash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { canonicalEntry, entryColumns, type SealedEntry } from '../src/server/platform/audit/entry.ts';
import { appendLeaf, emptyFrontier, rootOf } from '../src/server/platform/audit/merkle.ts';
import { checkpointMessage, loadSigner } from '../src/server/platform/audit/signing.ts';
import { createLogger } from '../src/server/platform/config/logger.ts';
import { loadConfig } from '../src/server/platform/config/config.ts';
import { openRuntime } from '../src/server/runtime.ts';
import { freePort, start, waitUntil } from './lib.ts';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHECKPOINT_EVERY = Number(process.env.BENCH_CHECKPOINT_EVERY ?? 10);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-audit-'));
const port = await freePort();
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const log = (line: string) => process.stdout.write(line + '\n');
// The server's sealer seals what the bench inserts.
const server = start('src/cli/main.ts', ['serve'], env);

/**
 * Replaces the log's checkpoints with one every `every` entries, signed with the installation's key
 * as the sealer would have signed them (bench data only: the owner disables the append-only trigger).
 */
async function resign(every: number): Promise<number> {
  const { ownerUrl } = JSON.parse(fs.readFileSync(path.join(dataDir, 'run-endpoint.json'), 'utf8')) as { ownerUrl: string };
  const signer = loadSigner({ fromEnv: undefined, dataDir });
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const rows: [number, string, string, string, string][] = [];
    let f = emptyFrontier();
    const signedAt = new Date().toISOString();
    for (let after = 0; ;) {
      const leaves = (await owner.query<{ position: string; leaf_hash: Buffer }>('select position, leaf_hash from audit_leaves where position > $1 order by position limit 50000', [after])).rows;
      if (leaves.length === 0) break;
      for (const l of leaves) {
        f = appendLeaf(f, l.leaf_hash);
        if (f.size % every === 0) {
          const rootHash = rootOf(f);
          const signature = signer.sign(checkpointMessage({ treeSize: f.size, rootHash, signedAt }));
          rows.push([f.size, rootHash.toString('hex'), JSON.stringify(f.hashes.map((h) => h.toString('hex'))), signature.toString('hex'), signer.keyId]);
        }
      }
      after = Number(leaves[leaves.length - 1]!.position);
    }
    await owner.query('begin');
    await owner.query('alter table audit_checkpoints disable trigger user');
    await owner.query('delete from audit_checkpoints');
    for (let i = 0; i < rows.length; i += 10_000) {
      const batch = rows.slice(i, i + 10_000);
      await owner.query(`insert into audit_checkpoints (tree_size, root_hash, frontier, signed_at, key_id, signature)
        select t, decode(r, 'hex'), fr::jsonb, $5, k, decode(s, 'hex') from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $6::text[]) as x(t, r, fr, s, k) order by t`,
      [batch.map((b) => b[0]), batch.map((b) => b[1]), batch.map((b) => b[2]), batch.map((b) => b[3]), signedAt, batch.map((b) => b[4])]);
    }
    await owner.query('alter table audit_checkpoints enable trigger user');
    await owner.query('commit');
    return rows.length;
  } finally {
    await owner.end();
  }
}

try {
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
  Object.assign(process.env, env);
  const runtime = await openRuntime(loadConfig(), createLogger('warn'), { shareRunning: true });
  const { db } = runtime.ctx;
  const t0 = Date.now();
  for (let done = 0; done < ENTRIES; done += 100_000) {
    const n = Math.min(100_000, ENTRIES - done);
    await db.execute(sql`insert into audit_events (actor_role, action, object_type, object_id, outcome, request_id, reason)
      select 'manager', 'case.read', 'case', gen_random_uuid()::text, 'success', 'bench-' || g, null from generate_series(1, ${n}) g`);
  }
  log(`inserted ${ENTRIES.toLocaleString('en')} audit entries in ${((Date.now() - t0) / 1000).toFixed(1)} s; waiting for the sealer`);
  const sealedCount = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_leaves`)).rows[0]!.n;
  await waitUntil(async () => (await sealedCount()) >= ENTRIES, 30 * 60_000);
  log(`sealed after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_VACUUM !== '0') {
    // A log written over months has been vacuumed as it grew; a million rows inserted a minute ago have
    // not, and the first reads after a bulk load also write hint bits. Measure the log as it normally is.
    const { ownerUrl } = JSON.parse(fs.readFileSync(path.join(dataDir, 'run-endpoint.json'), 'utf8')) as { ownerUrl: string };
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const v0 = Date.now();
    await owner.query('vacuum (analyze) audit_events, audit_leaves');
    await owner.end();
    log(`vacuumed in ${((Date.now() - v0) / 1000).toFixed(1)} s (BENCH_VACUUM=0 measures the log straight after the bulk load)`);
  }

  // The ceilings hash the same canonical bytes, read once (the read itself is timed as a third ceiling).
  const fetchStart = performance.now();
  const bytes: Buffer[] = [];
  for (let after = 0; ;) {
    const rows = (await db.execute<SealedEntry & { position: number }>(sql`select l.position, ${entryColumns}
      from audit_leaves l join audit_events e on e.seq = l.event_seq where l.position > ${after} order by l.position limit 10000`)).rows;
    if (rows.length === 0) break;
    for (const r of rows) {
      const b = canonicalEntry(r.position, r);
      createHash('sha256').update(b).digest();
      bytes.push(b);
    }
    after = rows[rows.length - 1]!.position;
  }
  const fetchHashMs = performance.now() - fetchStart;
  await runtime.close();

  // Rounds alternate verify and the ceilings, so a slow spell of this shared machine falls on both;
  // the ratio is the median of the rounds' ratios.
  const rate = (n: number, ms: number) => n / (ms / 1000);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const rounds: { verifyMs: number; hashMs: number; oneShotMs: number }[] = [];
  let report = { ok: false, entries: 0, seconds: 0, checkpoints: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    // Exitdesk's verify, as an operator runs it.
    const verify = start('src/cli/main.ts', ['audit', 'verify', '--json'], env);
    if (await verify.exited !== 0) throw new Error(verify.output());
    report = JSON.parse(verify.output().trim().split('\n').pop()!) as typeof report;
    if (!report.ok) throw new Error(`verify said the log is damaged: ${verify.output()}`);
    const hashStart = performance.now();
    for (const b of bytes) createHash('sha256').update(b).digest();
    const hashMs = performance.now() - hashStart;
    // node:crypto's one-shot hash skips the Hash object: the fastest SHA-256 Node offers for small inputs.
    const oneShotStart = performance.now();
    for (const b of bytes) hash('sha256', b, 'buffer');
    const oneShotMs = performance.now() - oneShotStart;
    rounds.push({ verifyMs: report.seconds * 1000, hashMs, oneShotMs });
    log(`round ${round + 1}: verify ${report.seconds.toFixed(2)} s, SHA-256 alone ${(hashMs / 1000).toFixed(2)} s, ratio ${(hashMs / (report.seconds * 1000)).toFixed(2)}`);
  }
  const n = report.entries;
  const verifyMs = median(rounds.map((r) => r.verifyMs));
  const hashMs = median(rounds.map((r) => r.hashMs));
  const oneShotMs = median(rounds.map((r) => r.oneShotMs));
  const ratio = (ceiling: (r: (typeof rounds)[number]) => number) => median(rounds.map((r) => ceiling(r) / r.verifyMs)).toFixed(2);
  const mb = bytes.reduce((sum, b) => sum + b.length, 0) / 2 ** 20;
  log(`\nAudit verify — ${n.toLocaleString('en')} entries (${mb.toFixed(0)} MiB canonical), ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, medians of ${ROUNDS} rounds\n`);
  log('| what | entries/s | seconds | ratio of verify to it |');
  log('|---|---|---|---|');
  log(`| exitdesk audit verify (read, recompute leaves, Merkle roots, signatures) | ${rate(n, verifyMs).toFixed(0)} | ${(verifyMs / 1000).toFixed(2)} | — |`);
  log(`| SHA-256 of the same canonical bytes alone (target: verify ≥ 0.5 of this) | ${rate(n, hashMs).toFixed(0)} | ${(hashMs / 1000).toFixed(2)} | ${ratio((r) => r.hashMs)} |`);
  log(`| SHA-256 of the same bytes with the one-shot crypto.hash | ${rate(n, oneShotMs).toFixed(0)} | ${(oneShotMs / 1000).toFixed(2)} | ${ratio((r) => r.oneShotMs)} |`);
  log(`| reading the same rows from PostgreSQL and hashing them (once) | ${rate(n, fetchHashMs).toFixed(0)} | ${(fetchHashMs / 1000).toFixed(2)} | ${(fetchHashMs / verifyMs).toFixed(2)} |`);

  // The same log re-signed with a checkpoint every CHECKPOINT_EVERY entries: the sealer signs one a
  // minute when there is activity, so a year of a busy programme brings 100,000 and more, and verify
  // checks every signature (~120 µs each with Ed25519).
  if (CHECKPOINT_EVERY > 0) {
    const resigned = await resign(CHECKPOINT_EVERY);
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const verify = start('src/cli/main.ts', ['audit', 'verify', '--json'], env);
      if (await verify.exited !== 0) throw new Error(verify.output());
      const r = JSON.parse(verify.output().trim().split('\n').pop()!) as typeof report;
      if (!r.ok || r.checkpoints !== resigned) throw new Error(`verify after re-signing: ${verify.output()}`);
      times.push(r.seconds * 1000);
    }
    const ms = median(times);
    log(`\nThe same log with ${resigned.toLocaleString('en')} signed checkpoints (one every ${CHECKPOINT_EVERY} entries), median of ${ROUNDS}: verify ${(ms / 1000).toFixed(2)} s, `
      + `${(ms - verifyMs >= 0 ? '+' : '')}${((ms - verifyMs) / 1000).toFixed(2)} s against ${report.checkpoints} checkpoints, ratio to SHA-256 alone ${(hashMs / ms).toFixed(2)}`);
  }
  log(`verify said: ${report.ok ? 'intact' : 'DAMAGED'}`);
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
