import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let manager2: TestStaff;
let lead: TestStaff;
let stranger: TestStaff;
let mc: string;
let m2c: string;
let lc: string;
let sc: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  manager2 = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  stranger = await makeStaff(env, { role: 'security_officer' });
  [mc, m2c, lc, sc] = await Promise.all([sessionFor(env, manager), sessionFor(env, manager2), sessionFor(env, lead), sessionFor(env, stranger)]);
});
afterAll(() => env.close());

describe('break the glass', () => {
  it('opens a case for someone not on the team, marks every access, alerts all managers at once and waits for review', async () => {
    const id = await makeCase(env, mc, { codename: 'Glass One', team: [{ staffId: lead.id, role: 'lead' }] });
    await api(env, lc).post(`/api/cases/${id}/notes`, { text: 'restricted detail', level: 'restricted' });
    await api(env, lc).post(`/api/cases/${id}/notes`, { text: 'team detail', level: 'team' });
    expect((await api(env, sc).get(`/api/cases/${id}`)).statusCode).toBe(404);

    const short = await api(env, sc).post('/api/break-glass', { codename: 'glass one', reason: 'too short' });
    expect(short.statusCode).toBe(400);
    const opened = await api(env, sc).post('/api/break-glass', { codename: 'glass one', reason: 'Client called the emergency line, lead unreachable', hours: 2 });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().caseId).toBe(id);
    const hours = (Date.parse(opened.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);

    const read = await api(env, sc).get(`/api/cases/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ basis: 'break_glass', may: { revealIdentity: false, setTeam: false, editIntake: false, screen: false } });
    expect(read.json().breakGlassUntil).toBe(opened.json().expiresAt);
    // Emergency readers see team notes, not restricted ones.
    const notes = (await api(env, sc).get(`/api/cases/${id}/notes`)).json().notes.map((n: { text: string }) => n.text);
    expect(notes).toEqual(['team detail']);
    // Not in their case list: the grant opens one case, it does not make them part of its team.
    const list = (await api(env, sc).get('/api/cases')).json().cases.map((c: { id: string }) => c.id);
    expect(list).toEqual([id]);

    const marked = await env.owner.query(`select action, basis from audit_events where case_id = $1 and actor_id = $2 and outcome = 'success' order by seq`, [id, stranger.id]);
    expect(marked.rows.map((r) => `${r.action}:${r.basis}`)).toEqual(['case.break-glass.open:break_glass', 'case.read:break_glass', 'case.notes.read:break_glass']);

    for (const cookie of [mc, m2c]) {
      const alerts = (await api(env, cookie).get('/api/notifications')).json();
      expect(alerts.unread).toBeGreaterThanOrEqual(1);
      expect(alerts.notifications[0]).toMatchObject({ kind: 'break_glass', caseId: id, codename: 'Glass One', actorName: stranger.name, readAt: null });
    }
    // The unread count is counted, not taken from the 50 listed.
    await env.owner.query(`insert into notifications (id, recipient_id, kind, case_id, actor_id) select gen_random_uuid(), $1, 'break_glass', $2, $3 from generate_series(1, 60)`, [manager2.id, id, stranger.id]);
    const many = (await api(env, m2c).get('/api/notifications')).json();
    expect(many.notifications).toHaveLength(50);
    expect(many.unread).toBe(61);
    expect((await api(env, m2c).post('/api/notifications/read', {})).statusCode).toBe(200);
    expect((await api(env, m2c).get('/api/notifications')).json().unread).toBe(0);
    // The stranger's own alerts name nothing.
    expect((await api(env, sc).get('/api/notifications')).json().unread).toBe(0);

    const who = (await api(env, mc).get(`/api/cases/${id}/who-knows`)).json().people as { staffId: string; bases: string[]; reads: number; onTeamNow: boolean }[];
    expect(who.find((p) => p.staffId === stranger.id)).toMatchObject({ bases: ['break_glass'], onTeamNow: false });
    expect(who.find((p) => p.staffId === lead.id)).toMatchObject({ bases: ['team'], onTeamNow: true });

    const queue = (await api(env, mc).get('/api/break-glass')).json().grants;
    expect(queue).toEqual([expect.objectContaining({ caseId: id, staffId: stranger.id, reason: 'Client called the emergency line, lead unreachable', review: null })]);
    expect((await api(env, sc).get('/api/break-glass')).statusCode).toBe(403);
    const review = await api(env, m2c).post(`/api/break-glass/${queue[0].id}/review`, { outcome: 'justified', note: 'Checked with the lead' });
    expect(review.statusCode).toBe(200);
    expect((await api(env, mc).post(`/api/break-glass/${queue[0].id}/review`, { outcome: 'not_justified', note: 'late' })).statusCode).toBe(409);
    expect((await api(env, mc).get('/api/break-glass')).json().grants).toEqual([]);
    const all = (await api(env, mc).get('/api/break-glass?state=all')).json().grants;
    expect(all[0].review).toMatchObject({ outcome: 'justified', note: 'Checked with the lead', byName: manager2.name });
  });

  it('ends when the time is up, and at once when a manager judges it unjustified', async () => {
    const id = await makeCase(env, mc, { codename: 'Glass Two' });
    await api(env, sc).post('/api/break-glass', { codename: 'Glass Two', reason: 'Need the safe contact number now' });
    expect((await api(env, sc).get(`/api/cases/${id}`)).statusCode).toBe(200);
    await env.owner.query(`update break_glass_grants set expires_at = now() - interval '1 second' where case_id = $1`, [id]);
    const after = await api(env, sc).get(`/api/cases/${id}`);
    expect(after.statusCode).toBe(404);
    expect((await api(env, sc).post(`/api/cases/${id}/notes`, { text: 'late' })).statusCode).toBe(404);

    await api(env, sc).post('/api/break-glass', { codename: 'Glass Two', reason: 'Need the safe contact number again' });
    expect((await api(env, sc).get(`/api/cases/${id}`)).statusCode).toBe(200);
    const grant = (await api(env, mc).get('/api/break-glass')).json().grants.find((g: { caseId: string; review: unknown }) => g.caseId === id && !g.review);
    await api(env, mc).post(`/api/break-glass/${grant.id}/review`, { outcome: 'not_justified', note: 'Not an emergency' });
    expect((await api(env, sc).get(`/api/cases/${id}`)).statusCode).toBe(404);
  });

  it('answers an unknown codename clearly, records the attempt, and refuses roles without case work', async () => {
    const res = await api(env, sc).post('/api/break-glass', { codename: 'No Such Case', reason: 'emergency, trying to find it' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('codename_not_found');
    const attempt = await env.owner.query(`select outcome, reason from audit_events where actor_id = $1 and action = 'case.break-glass.open' order by seq desc limit 1`, [stranger.id]);
    expect(attempt.rows[0]).toEqual({ outcome: 'denied', reason: 'codename not found' });
    const finance = await makeStaff(env, { role: 'finance' });
    expect((await api(env, await sessionFor(env, finance)).post('/api/break-glass', { codename: 'Glass One', reason: 'emergency, trying to find it' })).statusCode).toBe(403);
    expect((await api(env, mc).post('/api/break-glass', { codename: 'Glass One', reason: 'emergency, trying to find it' })).statusCode).toBe(403);
    const onTeam = await api(env, lc).post('/api/break-glass', { codename: 'Glass One', reason: 'emergency, trying to find it' });
    expect(onTeam.statusCode).toBe(409);
  });
});

describe('note confidentiality and corrections', () => {
  it('shows restricted notes to the lead and managers, sealed to managers; a correction keeps the earlier version', async () => {
    const member = await makeStaff(env, { role: 'exit_worker' });
    const memc = await sessionFor(env, member);
    const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }, { staffId: member.id, role: 'member' }] });
    await api(env, mc).post(`/api/cases/${id}/notes`, { text: 'sealed: informant', level: 'sealed' });
    await api(env, lc).post(`/api/cases/${id}/notes`, { text: 'restricted: family conflict', level: 'restricted' });
    const teamNote = (await api(env, memc).post(`/api/cases/${id}/notes`, { text: 'team: met at libary' })).json().id;
    // Writing above one's own level is refused.
    expect((await api(env, memc).post(`/api/cases/${id}/notes`, { text: 'x', level: 'restricted' })).statusCode).toBe(403);

    const texts = async (cookie: string) => (await api(env, cookie).get(`/api/cases/${id}/notes`)).json().notes.map((n: { text: string }) => n.text).sort();
    expect(await texts(memc)).toEqual(['team: met at libary']);
    expect(await texts(lc)).toEqual(['restricted: family conflict', 'team: met at libary']);
    expect(await texts(mc)).toEqual(['restricted: family conflict', 'sealed: informant', 'team: met at libary']);

    expect((await api(env, lc).post(`/api/cases/${id}/notes/${teamNote}/corrections`, { text: 'team: met at library', expectedVersion: 1 })).statusCode).toBe(403);
    const fixed = await api(env, memc).post(`/api/cases/${id}/notes/${teamNote}/corrections`, { text: 'team: met at library', expectedVersion: 1 });
    expect(fixed.statusCode).toBe(201);
    expect((await api(env, mc).post(`/api/cases/${id}/notes/${teamNote}/corrections`, { text: 'stale', expectedVersion: 1 })).json().error.code).toBe('note_changed');
    const note = (await api(env, lc).get(`/api/cases/${id}/notes`)).json().notes.find((n: { id: string }) => n.id === teamNote);
    expect(note).toMatchObject({ version: 2, text: 'team: met at library', earlier: [expect.objectContaining({ version: 1, text: 'team: met at libary' })] });
    // The timeline does not betray notes above the reader's level.
    const levels = async (cookie: string) => (await api(env, cookie).get(`/api/cases/${id}/timeline`)).json().events
      .filter((e: { kind: string }) => e.kind === 'note.added').map((e: { data: { level: string } }) => e.data.level).sort();
    expect(await levels(memc)).toEqual(['team']);
    expect(await levels(lc)).toEqual(['restricted', 'team']);
    expect(await levels(mc)).toEqual(['restricted', 'sealed', 'team']);
    // A sealed note is as absent to the lead as a note that does not exist.
    const sealedId = (await env.owner.query(`select root_id from case_notes where case_id = $1 and level = 'sealed'`, [id])).rows[0].root_id;
    expect((await api(env, lc).post(`/api/cases/${id}/notes/${sealedId}/corrections`, { text: 'x', expectedVersion: 1 })).statusCode).toBe(404);
  });
});
