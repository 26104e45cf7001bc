import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { api, makeCase, makeStaff, putTeam, sessionFor, type TestStaff } from '../../../testing/factories.ts';
import { auditText, del, rawRows } from './plans-testing.ts';

let env: TestEnv;
let manager: TestStaff;
let worker: TestStaff;
let member: TestStaff;
let outsider: TestStaff;
let admin: TestStaff;
let mc: string;
let wc: string;
let oc: string;
let ac: string;

beforeAll(async () => {
  env = await createTestEnv();
  [manager, worker, member, outsider, admin] = await Promise.all([
    makeStaff(env, { role: 'manager' }), makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'exit_worker' }),
    makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'administrator' }),
  ]);
  [mc, wc, oc, ac] = await Promise.all([sessionFor(env, manager), sessionFor(env, worker), sessionFor(env, outsider), sessionFor(env, admin)]);
});
afterAll(() => env.close());

const teamCase = () => makeCase(env, mc, { team: [{ staffId: worker.id, role: 'lead' }, { staffId: member.id, role: 'member' }] });
const info = { status: 'informed', who: 'Mother (Hannelore)', mayKnow: 'That he is leaving; not where he lives', toldBy: 'Lead worker', toldOn: '2026-11-20' };

describe('information plan', () => {
  it('adds, changes and removes lines; a stale revision is a 409 and leaves the line as it was', async () => {
    const id = await teamCase();
    const added = await api(env, wc).post(`/api/cases/${id}/shield-plan/information`, info);
    expect(added.statusCode).toBe(201);
    const entry = added.json();
    expect(entry.revision).toBe(1);

    const changed = await api(env, wc).put(`/api/cases/${id}/shield-plan/information/${entry.id}`, { ...info, status: 'must_not_know', toldOn: null, revision: 1 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().revision).toBe(2);
    const stale = await api(env, mc).put(`/api/cases/${id}/shield-plan/information/${entry.id}`, { ...info, who: 'Overwritten', revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('plan_entry_changed');

    const plan = (await api(env, wc).get(`/api/cases/${id}/shield-plan`)).json();
    expect(plan.information).toEqual([expect.objectContaining({ id: entry.id, status: 'must_not_know', who: info.who, mayKnow: info.mayKnow, toldBy: 'Lead worker', toldOn: null, revision: 2 })]);
    expect(plan.may).toEqual({ write: true });

    expect((await del(env, wc, `/api/cases/${id}/shield-plan/information/${entry.id}?revision=1`)).statusCode).toBe(409);
    const gone = await del(env, wc, `/api/cases/${id}/shield-plan/information/${entry.id}?revision=2`);
    expect(gone.statusCode).toBe(200);
    expect((await api(env, wc).get(`/api/cases/${id}/shield-plan`)).json().information).toEqual([]);
    expect((await del(env, wc, `/api/cases/${id}/shield-plan/information/${entry.id}?revision=3`)).statusCode).toBe(404);
  });

  it('refuses bad input field by field, and never stores it', async () => {
    const id = await teamCase();
    const res = await api(env, wc).post(`/api/cases/${id}/shield-plan/information`, { status: 'gossip', who: '   ', mayKnow: 'x', toldBy: '', toldOn: '20.11.2026', extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['status', 'who', 'toldOn', 'extra']));
    expect((await env.owner.query('select count(*)::int as n from information_plan where case_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('an entry of another case is not found through this case', async () => {
    const a = await teamCase();
    const b = await teamCase();
    const entry = (await api(env, wc).post(`/api/cases/${a}/shield-plan/information`, info)).json();
    const res = await api(env, wc).put(`/api/cases/${b}/shield-plan/information/${entry.id}`, { ...info, revision: 1 });
    expect(res.statusCode).toBe(404);
    expect((await api(env, wc).get(`/api/cases/${a}/shield-plan`)).json().information[0].who).toBe(info.who);
  });
});

describe('measures', () => {
  it('are tasks with an owner who works the case, a due date and a status', async () => {
    const id = await teamCase();
    const added = await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'New phone number for the client', ownerId: member.id, dueOn: '2026-12-01', status: 'open' });
    expect(added.statusCode).toBe(201);
    // A manager may own a measure without being on the team.
    const byManager = await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'Talk to the police liaison', ownerId: manager.id, dueOn: null, status: 'in_progress' });
    expect(byManager.statusCode).toBe(201);
    // Someone who does not work the case may not.
    const foreign = await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'Block social media', ownerId: outsider.id, dueOn: null, status: 'open' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual([expect.objectContaining({ path: 'ownerId', code: 'owner_cannot_work_case' })]);
    expect((await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'x', ownerId: admin.id, dueOn: null, status: 'open' })).statusCode).toBe(400);
    // Nor may someone whose account was disabled, even while still on the team.
    const gone = await makeStaff(env, { role: 'exit_worker' });
    expect((await putTeam(env, mc, id, [{ staffId: worker.id, role: 'lead' }, { staffId: member.id, role: 'member' }, { staffId: gone.id, role: 'member' }])).statusCode).toBe(200);
    await env.owner.query('update staff set disabled_at = now() where id = $1', [gone.id]);
    expect((await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'x', ownerId: gone.id, dueOn: null, status: 'open' })).statusCode).toBe(400);

    const { id: mid } = added.json();
    const done = await api(env, mc).put(`/api/cases/${id}/shield-plan/measures/${mid}`, { title: 'New phone number for the client', ownerId: member.id, dueOn: '2026-12-01', status: 'done', revision: 1 });
    expect(done.json().revision).toBe(2);
    expect((await api(env, wc).put(`/api/cases/${id}/shield-plan/measures/${mid}`, { title: 'late', ownerId: member.id, dueOn: null, status: 'open', revision: 1 })).statusCode).toBe(409);
    expect((await api(env, wc).put(`/api/cases/${id}/shield-plan/measures/${mid}`, { title: 'late', ownerId: outsider.id, dueOn: null, status: 'open', revision: 2 })).statusCode).toBe(400);

    const plan = (await api(env, wc).get(`/api/cases/${id}/shield-plan`)).json();
    // Open tasks first, done ones last.
    expect(plan.measures.map((m: { title: string; status: string; ownerName: string }) => [m.title, m.status, m.ownerName])).toEqual([
      ['Talk to the police liaison', 'in_progress', manager.name],
      ['New phone number for the client', 'done', member.name],
    ]);
    expect(plan.owners.map((o: { staffId: string }) => o.staffId).sort()).toEqual([manager.id, worker.id, member.id].sort());

    expect((await del(env, wc, `/api/cases/${id}/shield-plan/measures/${mid}?revision=2`)).statusCode).toBe(200);
    expect((await api(env, wc).get(`/api/cases/${id}/shield-plan`)).json().measures).toHaveLength(1);
  });
});

describe('who may see and change the shielding plan', () => {
  it('is a 404 for someone off the team, a 403 for an emergency reader, and closed cases cannot be changed', async () => {
    const id = await makeCase(env, mc, { codename: 'Shield Glass', team: [{ staffId: worker.id, role: 'lead' }] });
    await api(env, wc).post(`/api/cases/${id}/shield-plan/information`, info);
    expect((await api(env, oc).get(`/api/cases/${id}/shield-plan`)).statusCode).toBe(404);
    expect((await api(env, oc).post(`/api/cases/${id}/shield-plan/information`, info)).statusCode).toBe(404);
    expect((await api(env, ac).get(`/api/cases/${id}/shield-plan`)).statusCode).toBe(403);

    expect((await api(env, oc).post('/api/break-glass', { codename: 'Shield Glass', reason: 'Client called the emergency line, lead unreachable', hours: 1 })).statusCode).toBe(201);
    const glass = await api(env, oc).get(`/api/cases/${id}/shield-plan`);
    expect(glass.statusCode).toBe(403);
    expect(glass.body).not.toContain('Hannelore');
    expect((await api(env, oc).post(`/api/cases/${id}/shield-plan/information`, info)).statusCode).toBe(403);
    const denied = await env.owner.query(`select action, outcome, basis from audit_events where case_id = $1 and actor_id = $2 and action like 'case.shield.%' order by seq`, [id, outsider.id]);
    expect(denied.rows.map((r) => `${r.action}:${r.outcome}:${r.basis ?? ''}`)).toEqual([
      'case.shield.read:denied:', 'case.shield.information.create:denied:', 'case.shield.read:denied:break_glass', 'case.shield.information.create:denied:break_glass',
    ]);

    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    expect((await api(env, mc).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'completed', text: 'Goals reached', expectedVersion: version })).statusCode).toBe(200);
    expect((await api(env, wc).post(`/api/cases/${id}/shield-plan/information`, info)).statusCode).toBe(403);
    const closed = (await api(env, wc).get(`/api/cases/${id}/shield-plan`)).json();
    expect(closed.may.write).toBe(false);
    expect(closed.information).toHaveLength(1);
  });

  it('keeps everything encrypted, audits every read and write without field values, and notes codes on the timeline', async () => {
    const id = await teamCase();
    const entry = (await api(env, wc).post(`/api/cases/${id}/shield-plan/information`, info)).json();
    await api(env, wc).post(`/api/cases/${id}/shield-plan/measures`, { title: 'Move the gym membership', ownerId: worker.id, dueOn: null, status: 'open' });
    await api(env, wc).get(`/api/cases/${id}/shield-plan`);
    await api(env, wc).put(`/api/cases/${id}/shield-plan/information/${entry.id}`, { ...info, revision: 1 });

    expect((await rawRows(env, 'information_plan', id)).includes('Hannelore')).toBe(false);
    expect((await rawRows(env, 'protection_measures', id)).includes('gym')).toBe(false);
    const audit = await env.owner.query(`select action, outcome from audit_events where case_id = $1 and actor_id = $2 order by seq`, [id, worker.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['case.shield.information.create', 'case.shield.measure.create', 'case.shield.read', 'case.shield.information.update']);
    const text = await auditText(env, id);
    for (const value of ['Hannelore', 'gym', 'leaving', 'Lead worker']) expect(text).not.toContain(value);
    const timeline = (await api(env, wc).get(`/api/cases/${id}/timeline`)).json().events;
    const mine = timeline.filter((e: { kind: string }) => e.kind.startsWith('shield.'));
    expect(mine.map((e: { kind: string; data: unknown }) => [e.kind, e.data])).toEqual([
      ['shield.information.added', { status: 'informed' }], ['shield.measure.added', { status: 'open' }], ['shield.information.changed', { status: 'informed' }],
    ]);
    expect(JSON.stringify(mine)).not.toContain('Hannelore');
  });
});
