import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeProgramme, makeStaff, putTeam, sessionFor, testReferral, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let worker: TestStaff;
let outsider: TestStaff;
let admin: TestStaff;
let managerCookie: string;
let workerCookie: string;
let outsiderCookie: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  worker = await makeStaff(env, { role: 'exit_worker' });
  outsider = await makeStaff(env, { role: 'exit_worker' });
  admin = await makeStaff(env, { role: 'administrator' });
  managerCookie = await sessionFor(env, manager);
  workerCookie = await sessionFor(env, worker);
  outsiderCookie = await sessionFor(env, outsider);
});
afterAll(() => env.close());

describe('need-to-know case access', () => {
  it('lets the team read and write, and answers everyone else exactly like a missing case', async () => {
    const id = await makeCase(env, managerCookie, { codename: 'Kestrel', team: [{ staffId: worker.id, role: 'lead' }] });
    const note = await api(env, workerCookie).post(`/api/cases/${id}/notes`, { text: 'met at the library' });
    expect(note.statusCode).toBe(201);
    const read = await api(env, workerCookie).get(`/api/cases/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().myTeamRole).toBe('lead');
    const notes = await api(env, workerCookie).get(`/api/cases/${id}/notes`);
    expect(notes.json().notes.map((n: { text: string }) => n.text)).toEqual(['met at the library']);

    const missing = await api(env, outsiderCookie).get('/api/cases/00000000-0000-4000-8000-000000000000');
    for (const url of [`/api/cases/${id}`, `/api/cases/${id}/notes`]) {
      const res = await api(env, outsiderCookie).get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual(missing.json().error);
    }
    const write = await api(env, outsiderCookie).post(`/api/cases/${id}/notes`, { text: 'x' });
    expect(write.statusCode).toBe(404);
    expect(write.json().error).toEqual(missing.json().error);
  });

  it('lists only team cases for workers and all cases for managers', async () => {
    const mine = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'member' }] });
    const other = await makeCase(env, managerCookie, { team: [{ staffId: outsider.id, role: 'lead' }] });
    const workerList = (await api(env, workerCookie).get('/api/cases')).json().cases.map((c: { id: string }) => c.id);
    expect(workerList).toContain(mine);
    expect(workerList).not.toContain(other);
    const managerList = (await api(env, managerCookie).get('/api/cases')).json().cases.map((c: { id: string }) => c.id);
    expect(managerList).toEqual(expect.arrayContaining([mine, other]));
  });

  it('takes a removal from the team into effect on the very next request', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    expect((await api(env, workerCookie).get(`/api/cases/${id}`)).statusCode).toBe(200);
    await putTeam(env, managerCookie, id, [{ staffId: outsider.id, role: 'lead' }], managerCookie);
    expect((await api(env, workerCookie).get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await api(env, outsiderCookie).get(`/api/cases/${id}`)).statusCode).toBe(200);
  });

  it('ends access on the one-statement read path at once: logout, disabled account, idle timeout', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    const extra = await makeStaff(env, { role: 'exit_worker' });
    await putTeam(env, managerCookie, id, [{ staffId: worker.id, role: 'lead' }, { staffId: extra.id, role: 'member' }], managerCookie);
    const a = await sessionFor(env, extra);
    expect((await api(env, a).get(`/api/cases/${id}`)).statusCode).toBe(200);
    await api(env, a).post('/api/auth/logout', {});
    expect((await api(env, a).get(`/api/cases/${id}`)).statusCode).toBe(401);
    const b = await sessionFor(env, extra);
    await env.owner.query(`update sessions set last_seen_at = now() - interval '31 minutes' where staff_id = $1`, [extra.id]);
    expect((await api(env, b).get(`/api/cases/${id}/notes`)).statusCode).toBe(401);
    const c = await sessionFor(env, extra);
    expect((await api(env, c).get(`/api/cases/${id}/notes`)).statusCode).toBe(200);
    await api(env, managerCookie).post(`/api/staff/${extra.id}/disable`, {});
    expect((await api(env, c).get(`/api/cases/${id}`)).statusCode).toBe(401);
  });

  it('gives the administrator no case content at all', async () => {
    const adminCookie = await sessionFor(env, admin);
    const id = await makeCase(env, managerCookie);
    expect((await api(env, adminCookie).get('/api/cases')).statusCode).toBe(403);
    expect((await api(env, adminCookie).get(`/api/cases/${id}`)).statusCode).toBe(403);
    const team = await putTeam(env, managerCookie, id, [{ staffId: admin.id, role: 'member' }], managerCookie);
    expect(team.statusCode).toBe(400);
    expect(team.json().error.fields[0]).toMatchObject({ path: 'members.0.staffId', code: 'role_cannot_work_cases' });
  });

  it('lets only managers change the team, refusing everyone else alike whether or not the case exists', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    const member = await putTeam(env, managerCookie, id, [], workerCookie);
    const outsiderTry = await putTeam(env, managerCookie, id, [], outsiderCookie);
    const nonexistent = await api(env, outsiderCookie).put('/api/cases/00000000-0000-4000-8000-000000000000/team', { members: [], expectedVersion: 0 });
    expect([member.statusCode, outsiderTry.statusCode, nonexistent.statusCode]).toEqual([403, 403, 403]);
    expect(outsiderTry.json().error).toEqual(nonexistent.json().error);
    expect((await api(env, workerCookie).get(`/api/cases/${id}`)).json().team).toHaveLength(1);
  });

  it('records refused attempts on a case in that case\'s access log', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    await api(env, outsiderCookie).get(`/api/cases/${id}`);
    await api(env, outsiderCookie).post(`/api/cases/${id}/notes`, { text: 'probe' });
    const entries = (await api(env, managerCookie).get(`/api/cases/${id}/access-log`)).json().entries as { actorId: string; action: string; outcome: string }[];
    expect(entries.filter((e) => e.actorId === outsider.id).map((e) => `${e.action}:${e.outcome}`).sort()).toEqual(['case.note.create:denied', 'case.read:denied']);
  });

  it('answers a race for one codename with 409, not 500', async () => {
    const programmeId = await makeProgramme(env, managerCookie);
    const results = await Promise.all(Array.from({ length: 6 }, () => api(env, managerCookie).post('/api/cases', { codename: 'Race Codename', programmeId, referral: testReferral })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('stores notes encrypted: the raw row never holds the text', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    await api(env, workerCookie).post(`/api/cases/${id}/notes`, { text: 'CANARY-note-7781 lives near the station' });
    const raw = await env.owner.query(`select text_enc from case_notes where case_id = $1`, [id]);
    expect(raw.rows).toHaveLength(1);
    expect(Buffer.from(raw.rows[0].text_enc).includes(Buffer.from('CANARY-note-7781'))).toBe(false);
  });

  it('refuses a note ciphertext copied onto another note row', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    await api(env, workerCookie).post(`/api/cases/${id}/notes`, { text: 'first' });
    await api(env, workerCookie).post(`/api/cases/${id}/notes`, { text: 'second' });
    const rows = (await env.owner.query(`select id, text_enc from case_notes where case_id = $1 order by created_at`, [id])).rows;
    await env.owner.query(`update case_notes set text_enc = $1 where id = $2`, [rows[0].text_enc, rows[1].id]);
    const res = await api(env, workerCookie).get(`/api/cases/${id}/notes`);
    expect(res.statusCode).toBe(500);
    expect(Object.keys(res.json())).toEqual(['error', 'correlationId']);
    expect(res.body).not.toContain('first');
  });

  it('shows the manager every access to the case, including denied ones', async () => {
    const id = await makeCase(env, managerCookie, { team: [{ staffId: worker.id, role: 'lead' }] });
    await api(env, workerCookie).get(`/api/cases/${id}`);
    await api(env, workerCookie).get(`/api/cases/${id}/notes`);
    const log = await api(env, managerCookie).get(`/api/cases/${id}/access-log`);
    expect(log.statusCode).toBe(200);
    const entries = log.json().entries as { actorId: string; action: string; outcome: string }[];
    expect(entries.some((e) => e.actorId === worker.id && e.action === 'case.read' && e.outcome === 'success')).toBe(true);
    expect(entries.some((e) => e.actorId === worker.id && e.action === 'case.notes.read')).toBe(true);
    expect(entries.some((e) => e.actorId === manager.id && e.action === 'case.team.set')).toBe(true);
    expect((await api(env, workerCookie).get(`/api/cases/${id}/access-log`)).statusCode).toBe(403);
  });

  it('validates input with a message per field and rejects unknown properties', async () => {
    const res = await api(env, managerCookie).post('/api/cases', { codename: 'x', colour: 'red' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; code: string }[];
    expect(fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'codename', code: 'too_small' }),
      expect.objectContaining({ path: 'colour', code: 'unrecognized_keys' }),
    ]));
    const dup = await api(env, managerCookie).post('/api/cases', { codename: 'kestrel', programmeId: await makeProgramme(env, managerCookie), referral: testReferral });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'codename', code: 'codename_taken' });
  });
});

describe('case list pages', () => {
  it('walks cases created within the same millisecond without skipping any (the cursor keeps microseconds)', async () => {
    const programme = await makeProgramme(env, managerCookie);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await makeCase(env, managerCookie, { programmeId: programme }));
    // Same millisecond, different microseconds: a millisecond cursor would skip the older two.
    await env.owner.query(`update cases set created_at = '2030-01-01T00:00:00.000300Z' where id = $1`, [ids[0]]);
    await env.owner.query(`update cases set created_at = '2030-01-01T00:00:00.000200Z' where id = $1`, [ids[1]]);
    await env.owner.query(`update cases set created_at = '2030-01-01T00:00:00.000100Z' where id = $1`, [ids[2]]);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: { cases: { id: string }[]; nextCursor: string | null } = (await api(env, managerCookie).get(`/api/cases?programme=${programme}&limit=1${after ? `&after=${after}` : ''}`)).json();
      seen.push(...page.cases.map((c) => c.id));
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual(ids);
  });

  it('answers a made-up page cursor with 400 invalid_cursor, never a 500', async () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    for (const after of ['0', 'garbage', b64(`2030-01-01T00:00:00.000Z|${'-'.repeat(36)}`), b64('0|00000000-0000-4000-8000-000000000000'),
      b64('2030-13-45T99:00:00.000Z|00000000-0000-4000-8000-000000000000'), b64('2030-02-30T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
      b64('0000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'), b64('2030-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|x')]) {
      const res = await api(env, managerCookie).get(`/api/cases?after=${encodeURIComponent(after)}`);
      expect(res.statusCode, after).toBe(400);
      expect(res.json().error.code).toBe('invalid_cursor');
    }
  });
});

describe('team changes', () => {
  it('tells the second of two managers editing the team instead of overwriting the first', async () => {
    const id = await makeCase(env, managerCookie);
    const version = (await api(env, managerCookie).get(`/api/cases/${id}`)).json().version;
    const first = await api(env, managerCookie).put(`/api/cases/${id}/team`, { members: [{ staffId: worker.id, role: 'lead' }], expectedVersion: version });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(version + 1);
    const second = await api(env, managerCookie).put(`/api/cases/${id}/team`, { members: [{ staffId: outsider.id, role: 'lead' }], expectedVersion: version });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('case_changed');
    expect((await api(env, managerCookie).get(`/api/cases/${id}`)).json().team.map((m: { staffId: string }) => m.staffId)).toEqual([worker.id]);
  });
});
