import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { activateCase, api, makeCase, makeProgramme, makeStaff, sessionFor, testProfile, testReferral, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let member: TestStaff;
let mc: string;
let lc: string;
let memberCookie: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  member = await makeStaff(env, { role: 'exit_worker' });
  [mc, lc, memberCookie] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead), sessionFor(env, member)]);
});
afterAll(() => env.close());

const detail = async (cookie: string, id: string) => (await api(env, cookie).get(`/api/cases/${id}`)).json();
const move = async (cookie: string, id: string, body: Record<string, unknown>) =>
  api(env, cookie).post(`/api/cases/${id}/transition`, { expectedVersion: (await detail(mc, id)).version, ...body });
const teamOf = () => [{ staffId: lead.id, role: 'lead' as const }, { staffId: member.id, role: 'member' as const }];

describe('referral and intake', () => {
  it('records a referral with its route and encrypted referrer, under the programme version of the day', async () => {
    const id = await makeCase(env, mc, { codename: 'Heron' });
    const d = await detail(mc, id);
    expect(d).toMatchObject({ status: 'referral', programmeVersionAtReferral: 1, programmeVersionAccepted: null, referral: { route: 'self', referrer: testReferral.referrer } });
    const raw = await env.owner.query('select referrer_enc, first_information_enc from cases where id = $1', [id]);
    expect(Buffer.from(raw.rows[0].referrer_enc).includes(Buffer.from(testReferral.referrer))).toBe(false);
  });

  it('makes a worker who takes a referral its lead, so it stays in their list', async () => {
    const programmeId = await makeProgramme(env, mc);
    const res = await api(env, lc).post('/api/cases', { codename: 'Taken by worker', programmeId, referral: testReferral });
    expect(res.statusCode).toBe(201);
    const d = await detail(lc, res.json().id);
    expect(d.myTeamRole).toBe('lead');
    expect(d.team[0]).toMatchObject({ staffId: lead.id, identityAccess: true });
  });
});

describe('the safeguarding gate', () => {
  it('refuses acceptance with 409 naming every missing item, then accepts once discussion and screening are recorded', async () => {
    const id = await makeCase(env, mc, { team: teamOf() });
    expect((await move(lc, id, { to: 'intake' })).statusCode).toBe(200);
    const refused = await move(mc, id, { to: 'active' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('gate_incomplete');
    expect(refused.json().error.fields.map((f: { code: string }) => f.code).sort()).toEqual(['gate_eligibility_reason', 'gate_intake_discussion', 'gate_risk_screening']);
    expect(refused.json().error.message).toContain('intake case discussion');
    expect((await detail(mc, id)).status).toBe('intake');

    const v = async () => (await detail(mc, id)).version;
    await api(env, lc).post(`/api/cases/${id}/discussion`, { heldOn: '2026-11-20', participants: 'Team', decision: 'more_information', reasons: 'Need to meet again', expectedVersion: await v() });
    await api(env, lc).post(`/api/cases/${id}/screening`, { riskToStaff: 'low', threatFromGroup: 'high', immediateProtectionNeeded: true, notes: 'Threat messages', expectedVersion: await v() });
    const stillRefused = await move(mc, id, { to: 'active' });
    expect(stillRefused.json().error.fields.map((f: { code: string }) => f.code).sort()).toEqual(['gate_discussion_accepts', 'gate_eligibility_reason']);

    await api(env, lc).post(`/api/cases/${id}/discussion`, { heldOn: '2026-11-24', participants: 'Team', decision: 'accept', reasons: 'Motivated', expectedVersion: await v() });
    // Eligibility unknown: only with a written reason.
    const accepted = await move(mc, id, { to: 'active', outsideTargetReason: 'Age unknown, but referred by probation with a clear need.' });
    expect(accepted.statusCode).toBe(200);
    const d = await detail(mc, id);
    expect(d).toMatchObject({ status: 'active', programmeVersionAccepted: 1, screeningLevel: 'high', protectionNeeded: true, outsideTargetReason: 'Age unknown, but referred by probation with a clear need.' });
  });

  it('accepts a person inside the target group without a reason, under the current programme version', async () => {
    const programmeId = await makeProgramme(env, mc);
    const id = await makeCase(env, mc, { programmeId, team: teamOf() });
    const changed = await api(env, mc).put(`/api/programmes/${programmeId}`, { name: 'Renamed', profile: { ...testProfile, goal: 'deradicalisation' }, expectedVersion: 1 });
    expect(changed.json().version).toBe(2);
    await activateCase(env, mc, id);
    const d = await detail(mc, id);
    expect(d).toMatchObject({ status: 'active', programmeVersionAtReferral: 1, programmeVersionAccepted: 2, outsideTargetReason: null });
  });
});

describe('state transitions', () => {
  it('walks active ⇄ suspended → closed → reopened, each on the timeline and in the audit log', async () => {
    const id = await makeCase(env, mc, { team: teamOf() });
    await activateCase(env, mc, id);
    expect((await move(lc, id, { to: 'suspended', reason: 'Client in hospital for some weeks' })).json().status).toBe('suspended');
    expect((await move(lc, id, { to: 'resumed' })).json().status).toBe('active');
    expect((await move(lc, id, { to: 'closed', closureReason: 'completed', text: 'Goals reached' })).statusCode).toBe(403);
    expect((await move(mc, id, { to: 'closed', closureReason: 'completed', text: 'Goals reached' })).json().status).toBe('closed');
    expect((await detail(mc, id)).closure).toEqual({ reason: 'completed', text: 'Goals reached' });
    expect((await move(lc, id, { to: 'reopened', reason: 'New threats' })).statusCode).toBe(403);
    expect((await move(mc, id, { to: 'reopened', reason: 'New threats' })).json().status).toBe('active');
    expect((await detail(mc, id)).closure).toBeNull();

    const timeline = (await api(env, memberCookie).get(`/api/cases/${id}/timeline`)).json().events as { kind: string; data: Record<string, unknown>; text: string | null }[];
    const moves = timeline.filter((e) => e.kind === 'state.changed').map((e) => `${e.data.from}→${e.data.to}`);
    expect(moves).toEqual(['referral→intake', 'intake→active', 'active→suspended', 'suspended→active', 'active→closed', 'closed→active']);
    expect(timeline.find((e) => e.data.to === 'closed')?.text).toBe('Goals reached');
    const raw = await env.owner.query(`select action from audit_events where case_id = $1 and action like 'case.transition.%' and outcome = 'success' order by seq`, [id]);
    expect(raw.rows.map((r) => r.action)).toEqual(['case.transition.intake', 'case.transition.active', 'case.transition.suspended', 'case.transition.resumed', 'case.transition.closed', 'case.transition.reopened']);
  });

  it('answers impossible transitions with 409 and the current state, changing nothing', async () => {
    const id = await makeCase(env, mc, { team: teamOf() });
    const before = (await detail(mc, id)).version;
    for (const body of [{ to: 'suspended', reason: 'xyz' }, { to: 'resumed' }, { to: 'reopened', reason: 'xyz' }, { to: 'active' }]) {
      const res = await move(mc, id, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('transition_not_allowed');
      expect(res.json().error.fields[0].params).toMatchObject({ from: 'referral' });
    }
    expect((await detail(mc, id))).toMatchObject({ version: before, status: 'referral' });
  });

  it('refuses a dismissal through the ordinary close (it belongs to the conduct decision)', async () => {
    const id = await makeCase(env, mc);
    const res = await move(mc, id, { to: 'closed', closureReason: 'dismissed', text: 'no' });
    expect(res.statusCode).toBe(400);
  });

  it('tells the second of two concurrent writers instead of overwriting', async () => {
    const id = await makeCase(env, mc, { team: teamOf() });
    const version = (await detail(mc, id)).version;
    const body = (facts: Record<string, unknown>) => ({ referral: testReferral, facts: { narrative: null, age: null, organisationType: null, militant: null, position: null, ...facts }, expectedVersion: version });
    const [a, b] = await Promise.all([
      api(env, lc).put(`/api/cases/${id}/intake`, body({ age: 19 })),
      api(env, memberCookie).put(`/api/cases/${id}/intake`, body({ age: 25 })),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('case_changed');
    const stored = (await detail(mc, id)).facts.age;
    expect(stored).toBe(a.statusCode === 200 ? 19 : 25);
  });
});
