import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createAndSignIn, freePort, jsonCall, percentile, start, waitUntil } from '../../bench/lib.ts';
import { createTestDatabase } from '../server/testing/harness.ts';

/**
 * Exactly once across instances (issue 6): two real `exitdesk serve` processes on
 * one PostgreSQL database run the escalation timers of the same visits. One is
 * killed with SIGKILL in the middle of the chains. Every step of every visit must
 * fire once: none missing, none twice, and no recipient told twice.
 */
const VISITS = Number(process.env.ESCALATION_VISITS ?? 20);
const children: ReturnType<typeof start>[] = [];
afterAll(() => { for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL'); });

describe('escalation across two instances', () => {
  it(`fires every step of ${VISITS} missed check-outs exactly once, with one instance killed mid-chain`, async () => {
    const db = await createTestDatabase();
    const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-two-'));
    const [portA, portB] = [await freePort(), await freePort()];
    const shared = { EXITDESK_DATA_DIR: dataDir, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, EXITDESK_MASTER_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
    const serve = (port: number) => { const p = start('src/cli/main.ts', ['serve'], { ...shared, PORT: String(port) }); children.push(p); return p; };
    const healthy = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200;
    try {
      const a = serve(portA);
      await waitUntil(healthy(portA));
      const b = serve(portB);
      await waitUntil(healthy(portB));
      const baseA = `http://127.0.0.1:${portA}`; const baseB = `http://127.0.0.1:${portB}`;
      const manager = await createAndSignIn(baseA, shared, { email: 'm@two.test', role: 'manager', name: 'Manager' });
      const worker = await createAndSignIn(baseB, shared, { email: 'w@two.test', role: 'exit_worker', name: 'Worker' });
      const buddyCookie = await createAndSignIn(baseB, shared, { email: 'b@two.test', role: 'exit_worker', name: 'Buddy' });
      const buddyId = (await owner.query(`select id from staff where email = 'b@two.test'`)).rows[0].id;
      expect(buddyCookie).toBeTruthy();
      const chain = await jsonCall(baseA, 'PUT', '/api/safety/escalation/default', { reminderAfterS: 0, buddyAfterS: 3, managersAfterS: 6, emergencyAfterS: 9, emergencyProcedure: 'Call the duty phone.' }, manager);
      expect(chain.res.status).toBe(200);

      // Visits due back 4 s from now, started through both instances.
      const due = new Date(Date.now() + 4_000).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < VISITS; i++) {
        const created = await jsonCall(i % 2 ? baseB : baseA, 'POST', '/api/safety/visits', { kind: 'field', location: `Area ${i}`, plannedStart: new Date().toISOString(), plannedEnd: due, buddyId, startNow: true }, worker);
        expect(created.res.status, JSON.stringify(created.body)).toBe(201);
        ids.push(String(created.body!.id));
      }
      // Kill A while the chains are running: after the reminders and buddy steps, before managers and emergency.
      await new Promise((r) => setTimeout(r, 4_000 + 4_000));
      a.child.kill('SIGKILL');
      await a.exited;

      await waitUntil(async () => (await owner.query(`select count(*)::int as n from safety_alerts where kind = 'emergency'`)).rows[0].n >= VISITS, 150_000);
      // Let any late duplicate show itself before counting.
      await new Promise((r) => setTimeout(r, 3_000));
      const steps = (await owner.query<{ visit_id: string; kind: string; n: number }>(`select visit_id, kind, count(*)::int as n from safety_alerts where visit_id = any($1) group by 1, 2`, [ids])).rows;
      const doubleTold = (await owner.query(`select n.alert_id, n.recipient_id, count(*)::int from notifications n where n.alert_id is not null group by 1, 2 having count(*) > 1`)).rows;
      const delays = (await owner.query<{ ms: number }>(`select extract(epoch from (fired_at - due_at)) * 1000 as ms from safety_alerts where visit_id = any($1)`, [ids])).rows.map((r) => Number(r.ms));
      const expected = VISITS * 4;
      const once = steps.filter((s) => s.n === 1).length;
      console.log(`two instances: ${VISITS} visits, ${expected} steps expected, ${steps.length} fired, ${once} exactly once, ${steps.filter((s) => s.n > 1).length} twice or more, ${doubleTold.length} recipients told twice; delay due→fired p50 ${percentile(delays, 50).toFixed(0)} ms, p99 ${percentile(delays, 99).toFixed(0)} ms, max ${Math.max(...delays).toFixed(0)} ms (one instance killed at +4 s)`);
      expect(steps).toHaveLength(expected);
      expect(once).toBe(expected);
      expect(doubleTold).toEqual([]);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    } finally {
      await owner.end();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
