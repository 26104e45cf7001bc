import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let other: TestStaff;
let spokesperson: TestStaff;
let mc: string;
let lc: string;
let oc: string;
let pc: string;
let caseA: string;
let caseB: string;

beforeAll(async () => {
  env = await createTestEnv();
  [manager, lead, other, spokesperson] = await Promise.all([
    makeStaff(env, { role: 'manager' }), makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'spokesperson' }),
  ]);
  [mc, lc, oc, pc] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead), sessionFor(env, other), sessionFor(env, spokesperson)]);
  caseA = await makeCase(env, mc, { codename: 'Batch Alpha', team: [{ staffId: lead.id, role: 'lead' }] });
  caseB = await makeCase(env, mc, { codename: 'Batch Beta', team: [{ staffId: other.id, role: 'lead' }] });
});
afterAll(() => env.close());

describe('session-bound reads answered together', () => {
  it('gives every request in a shared statement exactly its own answer and its own audit entry', async () => {
    const loggedOut = await sessionFor(env, other);
    expect((await api(env, loggedOut).post('/api/auth/logout', {})).statusCode).toBe(200);
    // Who asks, for what, and what the rules say they get: only their own session counts, whatever shares the statement.
    const asks = [
      { who: 'manager', cookie: mc, id: caseA, status: 200, codename: 'Batch Alpha', actor: manager.id, outcome: 'success' },
      { who: 'manager', cookie: mc, id: caseB, status: 200, codename: 'Batch Beta', actor: manager.id, outcome: 'success' },
      { who: 'lead of A', cookie: lc, id: caseA, status: 200, codename: 'Batch Alpha', actor: lead.id, outcome: 'success' },
      { who: 'lead of A', cookie: lc, id: caseB, status: 404, actor: lead.id, outcome: 'denied' },
      { who: 'lead of B', cookie: oc, id: caseA, status: 404, actor: other.id, outcome: 'denied' },
      { who: 'lead of B', cookie: oc, id: caseB, status: 200, codename: 'Batch Beta', actor: other.id, outcome: 'success' },
      { who: 'manager', cookie: mc, id: randomUUID(), status: 404, actor: manager.id, outcome: 'denied' },
      { who: 'spokesperson', cookie: pc, id: caseA, status: 403, actor: spokesperson.id, outcome: 'denied' },
      { who: 'logged out', cookie: loggedOut, id: caseA, status: 401 },
      { who: 'forged', cookie: `${env.ctx.cookie.name}=${'x'.repeat(43)}`, id: caseA, status: 401 },
    ];
    const rounds = 8;
    const all = Array.from({ length: rounds }, () => asks).flat();
    const answers = await Promise.all(all.map((a) => api(env, a.cookie).get(`/api/cases/${a.id}`)));
    for (const [k, a] of all.entries()) {
      const res = answers[k]!;
      expect({ who: a.who, status: res.statusCode }).toEqual({ who: a.who, status: a.status });
      if (a.codename) expect(res.json().codename).toBe(a.codename);
      if (a.status === 404) expect(res.json().error.code).toBe('not_found');
    }
    // One entry per request that reached the read, with that request's actor and outcome.
    const ids = answers.map((r) => String(r.headers['x-request-id']));
    const { rows } = await env.owner.query<{ request_id: string; actor_id: string | null; outcome: string; action: string; txid: string }>(
      `select request_id, actor_id, outcome, action, txid::text from audit_events where request_id = any($1)`, [ids]);
    for (const [k, a] of all.entries()) {
      const mine = rows.filter((r) => r.request_id === ids[k]);
      if (a.status === 401) expect(mine).toHaveLength(0);
      else expect(mine.map((r) => ({ actor: r.actor_id, outcome: r.outcome }))).toEqual([{ actor: a.actor, outcome: a.outcome }]);
    }
    // The reads really shared statements: some transaction holds the entries of different people.
    const reads = rows.filter((r) => r.action === 'case.read');
    const people = new Map<string, Set<string>>();
    for (const r of reads) people.set(r.txid, (people.get(r.txid) ?? new Set()).add(r.actor_id ?? ''));
    expect(Math.max(...[...people.values()].map((s) => s.size))).toBeGreaterThan(1);
  });

  it('answers the notes read the same way, and a session touched by two batches at once does not block either', async () => {
    await api(env, lc).post(`/api/cases/${caseA}/notes`, { text: 'only for the team', level: 'team' });
    // Make the sessions due for the idle-timeout touch, so concurrent batches all try to update them.
    await env.owner.query(`update sessions set last_seen_at = now() - interval '5 minutes'`);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, k) => api(env, k % 2 ? lc : oc).get(`/api/cases/${caseA}/notes`)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array.from({ length: 40 }, (_, k) => (k % 2 ? 200 : 404)));
    expect(answers[1]!.json().notes).toHaveLength(1);
    const touched = await env.owner.query<{ n: number }>(`select count(*)::int as n from sessions where last_seen_at > now() - interval '1 minute'`);
    expect(touched.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
