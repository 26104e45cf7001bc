import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createAndSignIn, freePort, jsonCall, start, waitUntil } from '../../bench/lib.ts';
import { testProfile, testReferral } from '../server/testing/factories.ts';
import { postmasterAlive, postmasterPid } from '../server/testing/processes.ts';

/**
 * Crash safety (issue 4): while a write workload runs, the Exitdesk process is
 * killed with SIGKILL at a random moment, 20 times, and restarted each time.
 * Every write the client saw acknowledged must be there afterwards, the audit
 * log must verify, and no embedded PostgreSQL may be left behind.
 * CRASH_KILLS sets the number of kills (default 20).
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const WRITERS = 4;
const children: ReturnType<typeof start>[] = [];
afterAll(() => { for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL'); });

const healthy = async (base: string) => (await fetch(`${base}/healthz`)).status === 200;

// Both describe blocks start `exitdesk serve` with its own embedded PostgreSQL. In the
// external-PostgreSQL CI pass (TEST_DATABASE_URL set) there is no embedded server to test, so they skip there.
describe.skipIf(!inject('testDb').embedded)('crash safety: kill -9 during writes', () => {
  it(`loses no acknowledged write over ${KILLS} kills, and the audit log verifies`, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-crash-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port), EXITDESK_MASTER_KEY: randomBytes(32).toString('hex') };
    const serve = () => { const p = start('src/cli/main.ts', ['serve'], env); children.push(p); return p; };

    let server = serve();
    await waitUntil(() => healthy(base));
    const cookie = await createAndSignIn(base, env, { email: 'crash@example.test', role: 'manager', name: 'Crash Manager' });
    const programme = await jsonCall(base, 'POST', '/api/programmes', { name: 'Crash test programme', profile: testProfile }, cookie);
    expect(programme.res.status).toBe(201);

    // What the client was told succeeded: case id → acknowledged note ids.
    const acknowledged = new Map<string, string[]>();
    let orphans = 0;
    for (let round = 0; round < KILLS; round++) {
      const created = await jsonCall(base, 'POST', '/api/cases', { codename: `Crash ${round}`, programmeId: programme.body!.id, referral: testReferral }, cookie);
      expect(created.res.status).toBe(201);
      const caseId = String(created.body!.id);
      acknowledged.set(caseId, []);
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        // At most 200 notes per case: the notes list returns the newest 1,000, and all must be checked.
        for (let i = 0; !stop && i < 50; i++) {
          try {
            const res = await jsonCall(base, 'POST', `/api/cases/${caseId}/notes`, { text: `round ${round} writer ${w} note ${i}` }, cookie);
            if (res.res.status === 201) acknowledged.get(caseId)!.push(String(res.body!.id));
            else if (res.res.status >= 500) return;
          } catch { return; } // the connection died with the process: not acknowledged
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 1200));
      server.child.kill('SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all(writers);
      // The embedded server must go with the process that started it.
      await waitUntil(async () => !postmasterAlive(dataDir), 20_000).catch(() => { orphans++; });
      server = serve();
      await waitUntil(() => healthy(base));
    }

    let total = 0;
    let lost = 0;
    for (const [caseId, ids] of acknowledged) {
      const notes = await jsonCall(base, 'GET', `/api/cases/${caseId}/notes`, undefined, cookie);
      expect(notes.res.status).toBe(200);
      const present = new Set((notes.body!.notes as { id: string }[]).map((n) => n.id));
      total += ids.length + 1; // the case itself was acknowledged too
      lost += ids.filter((id) => !present.has(id)).length;
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const verify = start('src/cli/main.ts', ['audit', 'verify'], env);
    const verified = (await verify.exited) === 0 && /Audit log intact/.test(verify.output());
    const leftOver = postmasterAlive(dataDir);
    console.log(`crash test: ${KILLS} kills, ${total} acknowledged writes, ${lost} lost; audit verify ${verified ? 'intact' : 'FAILED'}; orphan postgres ${orphans + (leftOver ? 1 : 0)}`);
    expect(lost).toBe(0);
    expect(total).toBeGreaterThan(KILLS * 2);
    expect(verify.output()).toMatch(/Audit log intact/);
    expect(verified).toBe(true);
    expect(orphans).toBe(0);
    expect(leftOver).toBe(false);
  }, 900_000);
});

// Skipped in the external-PostgreSQL pass for the same reason: it kills the embedded server, which that pass does not run.
describe.skipIf(!inject('testDb').embedded)('crash safety: the embedded PostgreSQL killed under Exitdesk', () => {
  it(`reports the database unavailable without internals and recovers by itself, ${KILLS} times, losing no acknowledged write`, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-pgcrash-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port), EXITDESK_MASTER_KEY: randomBytes(32).toString('hex') };
    const server = start('src/cli/main.ts', ['serve'], { ...env, LOG_LEVEL: 'info' });
    children.push(server);
    await waitUntil(() => healthy(base));
    const cookie = await createAndSignIn(base, env, { email: 'pgcrash@example.test', role: 'manager', name: 'PG Crash Manager' });
    const programme = await jsonCall(base, 'POST', '/api/programmes', { name: 'PG crash programme', profile: testProfile }, cookie);
    // A fresh case per round keeps each case's notes under the 1,000 the notes list returns.
    const newCase = async (round: number) => {
      const created = await jsonCall(base, 'POST', '/api/cases', { codename: `Database crash ${round}`, programmeId: programme.body!.id, referral: testReferral }, cookie);
      expect(created.res.status).toBe(201);
      return String(created.body!.id);
    };
    let caseId = await newCase(0);
    const acknowledged: { caseId: string; id: string }[] = [];
    const otherAnswers = new Map<string, number>();
    let internalsLeaked = 0;
    let sawUnavailable = 0;
    let stop = false;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const target = caseId;
        const res = await jsonCall(base, 'POST', `/api/cases/${target}/notes`, { text: `writer ${w} note ${i}` }, cookie).catch(() => null);
        if (!res) continue;
        if (res.res.status === 201) { acknowledged.push({ caseId: target, id: String(res.body!.id) }); continue; }
        const key = `${res.res.status} ${(res.body?.error as { code?: string } | undefined)?.code ?? ''}`;
        otherAnswers.set(key, (otherAnswers.get(key) ?? 0) + 1);
        if (/\bat \S+:\d+|pg|postgres|ECONNREFUSED|terminating/i.test(JSON.stringify(res.body))) internalsLeaked++;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    try {
    for (let round = 0; round < KILLS; round++) {
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
      const currentPid = () => postmasterPid(dataDir);
      const killedPid = currentPid();
      // Never 0: process.kill(0) would signal the whole process group, the test runner included.
      expect(killedPid).toBeGreaterThan(0);
      process.kill(killedPid, 'SIGKILL');
      // Right after the kill the health check must not say "ok"… (checked until it says so, then until it recovers)
      const health = await fetch(`${base}/healthz`).then(async (r) => ({ status: r.status, body: await r.json() as { status: string } })).catch(() => null);
      if (health && health.status === 503 && health.body.status === 'unavailable') sawUnavailable++;
      // Backends of the killed server can answer on pooled connections for a moment: recovered means a new server.
      await waitUntil(async () => currentPid() !== killedPid && postmasterAlive(dataDir) && await healthy(base), 60_000).catch((e: Error) => { throw new Error(`${e.message} after kill ${round + 1}\n${server.output().slice(-3000)}`); });
      caseId = await newCase(round + 1);
    }
    } finally {
      // Also when a round fails: the writers must not keep hammering a server that is gone.
      stop = true;
      await Promise.all(writers);
    }

    const present = new Set<string>();
    for (const id of new Set(acknowledged.map((a) => a.caseId))) {
      const notes = await jsonCall(base, 'GET', `/api/cases/${id}/notes`, undefined, cookie);
      expect(notes.res.status).toBe(200);
      for (const n of notes.body!.notes as { id: string }[]) present.add(n.id);
    }
    const lost = acknowledged.filter((a) => !present.has(a.id)).length;
    const stopAt = Date.now();
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const stopMs = Date.now() - stopAt;
    await new Promise((r) => server.child.stdout!.readableEnded ? r(null) : server.child.stdout!.once('end', r));
    await new Promise((r) => setTimeout(r, 200));
    // For diagnosis when something below fails: the server's own log of the run.
    fs.writeFileSync(path.join(os.tmpdir(), 'exitdesk-pgcrash-server.log'), `${server.output()}\n--- exit ${exitCode} after ${stopMs} ms\n`);
    expect({ exitCode, tail: exitCode === 0 ? '' : server.output().slice(-1500) }).toEqual({ exitCode: 0, tail: '' });
    const verify = start('src/cli/main.ts', ['audit', 'verify'], env);
    const verified = (await verify.exited) === 0 && /Audit log intact/.test(verify.output());
    console.log(`database crash test: ${KILLS} kills of the embedded PostgreSQL, ${acknowledged.length} acknowledged writes, ${lost} lost; `
      + `health check said unavailable right after ${sawUnavailable} of ${KILLS} kills; other answers ${JSON.stringify(Object.fromEntries(otherAnswers))}; audit verify ${verified ? 'intact' : 'FAILED'}`);
    const unexpected = server.output().split('\n').filter((l) => l.includes('unexpected error'));
    if (unexpected.length) console.log(`server-side errors that were not recognised as "database unavailable":\n${unexpected.slice(0, 5).join('\n')}`);
    expect(lost).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(KILLS);
    // Refused writes during an outage are "unavailable", never a 500 or a leak of database internals.
    expect([...otherAnswers.keys()].filter((k) => !k.startsWith('503 database_unavailable'))).toEqual([]);
    expect(internalsLeaked).toBe(0);
    expect(sawUnavailable).toBeGreaterThan(0);
    expect(verified).toBe(true);
    expect(postmasterAlive(dataDir)).toBe(false);
  }, 900_000);
});
