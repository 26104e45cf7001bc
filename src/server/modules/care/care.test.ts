import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff; let worker: TestStaff; let colleague: TestStaff; let security: TestStaff;
const cookie: Record<string, string> = {};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  worker = await makeStaff(env, { role: 'exit_worker', name: 'Wanda Worker' });
  colleague = await makeStaff(env, { role: 'exit_worker' });
  security = await makeStaff(env, { role: 'security_officer' });
  for (const p of [manager, worker, colleague, security]) cookie[p.id] = await sessionFor(env, p);
});
afterAll(async () => { await env.close(); });

describe('staff care', () => {
  it('check-ups: managers keep the dates, done starts the next year, overdue shows on the managers\' list; nothing clinical can be stored', async () => {
    const m = api(env, cookie[manager.id]);
    const overdue = await m.post(`/api/care/staff/${worker.id}/checkups`, { dueOn: day(-3) });
    expect(overdue.statusCode).toBe(201);
    // A field for findings does not exist: the body is refused, not silently dropped.
    const clinical = await m.post(`/api/care/staff/${worker.id}/checkups`, { dueOn: day(10), findings: 'anything' });
    expect(clinical.statusCode).toBe(400);
    expect(clinical.json().error.fields[0]).toMatchObject({ path: 'findings', code: 'unrecognized_keys' });
    expect((await api(env, cookie[worker.id]).post(`/api/care/staff/${worker.id}/checkups`, { dueOn: day(5) })).statusCode).toBe(403);

    const due = (await m.get('/api/care/due')).json();
    expect(due.checkups).toEqual([expect.objectContaining({ staffId: worker.id, staffName: 'Wanda Worker', status: 'overdue', dueOn: day(-3) })]);
    expect((await api(env, cookie[worker.id]).get('/api/care/due')).statusCode).toBe(403);

    const done = await m.post(`/api/care/checkups/${overdue.json().id}/done`, { doneOn: day(0) });
    expect(done.statusCode).toBe(200);
    const nextYear = new Date(day(0)); nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
    expect(done.json().nextDueOn).toBe(nextYear.toISOString().slice(0, 10));
    expect((await m.post(`/api/care/checkups/${overdue.json().id}/done`, { doneOn: day(0) })).statusCode).toBe(409);
    expect((await m.get('/api/care/due')).json().checkups).toEqual([]);
    const record = (await api(env, cookie[worker.id]).get(`/api/care/staff/${worker.id}`)).json();
    expect(record.checkups.map((c: { status: string }) => c.status)).toEqual(['due', 'done']);
  });

  it('session notes are readable by their author only; colleagues do not learn a record exists', async () => {
    const mine = await api(env, cookie[worker.id]).post(`/api/care/staff/${worker.id}/sessions`, { heldOn: day(-1), kind: 'supervision', withWhom: 'External supervisor', note: 'Felt shaken after the last visit.' });
    expect(mine.statusCode).toBe(201);
    expect((await api(env, cookie[manager.id]).post(`/api/care/staff/${worker.id}/sessions`, { heldOn: day(-1), kind: 'coaching', withWhom: 'x' })).statusCode).toBe(403);
    const own = (await api(env, cookie[worker.id]).get(`/api/care/staff/${worker.id}`)).json();
    expect(own.sessions[0]).toMatchObject({ kind: 'supervision', withWhom: 'External supervisor', note: 'Felt shaken after the last visit.' });
    const managerView = await api(env, cookie[manager.id]).get(`/api/care/staff/${worker.id}`);
    expect(managerView.json().sessions[0]).toMatchObject({ kind: 'supervision', note: null });
    expect(managerView.body).not.toContain('shaken');
    const stored = (await env.owner.query('select note_enc from care_sessions where id = $1', [mine.json().id])).rows[0].note_enc as Buffer;
    expect(stored.toString('latin1')).not.toContain('shaken');
    for (const p of [colleague, security]) {
      const res = await api(env, cookie[p.id]).get(`/api/care/staff/${worker.id}`);
      const none = await api(env, cookie[p.id]).get('/api/care/staff/00000000-0000-4000-8000-000000000000');
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual(none.json().error);
    }
    const denied = (await env.owner.query(`select count(*)::int as n from audit_events where action = 'care.read' and outcome = 'denied' and object_id = $1`, [worker.id])).rows[0].n;
    expect(denied).toBe(2);
  });

  it('certifications expiring within 60 days or expired appear for managers until renewed', async () => {
    const w = api(env, cookie[worker.id]);
    expect((await w.post(`/api/care/staff/${worker.id}/qualifications`, { kind: 'certification', name: 'Risk instrument X', obtainedOn: day(-700), expiresOn: day(20) })).statusCode).toBe(201);
    expect((await w.post(`/api/care/staff/${worker.id}/qualifications`, { kind: 'training', name: 'De-escalation', obtainedOn: day(-30), expiresOn: day(400) })).statusCode).toBe(201);
    const bad = await w.post(`/api/care/staff/${worker.id}/qualifications`, { kind: 'certification', name: 'Y', obtainedOn: day(0), expiresOn: day(-1) });
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'expiresOn', message: 'expires_before_obtained' });
    expect((await api(env, cookie[colleague.id]).post(`/api/care/staff/${worker.id}/qualifications`, { kind: 'training', name: 'Z', obtainedOn: day(0) })).statusCode).toBe(404);
    let due = (await api(env, cookie[manager.id]).get('/api/care/due')).json();
    expect(due.qualifications.map((q: { name: string; status: string }) => [q.name, q.status])).toEqual([['Risk instrument X', 'expiring']]);
    // Renewed by a manager: the old one no longer counts.
    await api(env, cookie[manager.id]).post(`/api/care/staff/${worker.id}/qualifications`, { kind: 'certification', name: 'Risk instrument X', obtainedOn: day(0), expiresOn: day(730) });
    due = (await api(env, cookie[manager.id]).get('/api/care/due')).json();
    expect(due.qualifications).toEqual([]);
  });

  it('private emergency contacts are protected like the home address', async () => {
    expect((await api(env, cookie[worker.id]).put(`/api/staff/${worker.id}/protected`, { emergencyContacts: 'Sister: +49 170 1111' })).statusCode).toBeLessThan(300);
    const reveal = (p: TestStaff) => api(env, cookie[p.id]).post(`/api/staff/${worker.id}/protected/reveal`, { field: 'emergencyContacts', reason: 'worker missing on a visit' });
    expect((await reveal(security)).json().value).toBe('Sister: +49 170 1111');
    expect((await reveal(colleague)).statusCode).toBe(403);
    const board = await api(env, cookie[manager.id]).get('/api/safety/board');
    expect(board.body).not.toContain('+49 170 1111');
  });
});
