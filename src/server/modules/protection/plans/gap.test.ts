import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { api, makeCase, makeStaff, putTeam, sessionFor, type TestStaff } from '../../../testing/factories.ts';
import { signAssessment } from './plans-testing.ts';

let env: TestEnv;
let manager: TestStaff;
let worker: TestStaff;
let officer: TestStaff;
let stranger: TestStaff;
let mc: string;
let wc: string;
let sc: string;
let gc: string;

beforeAll(async () => {
  env = await createTestEnv();
  [manager, worker, officer, stranger] = await Promise.all([
    makeStaff(env, { role: 'manager' }), makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'security_officer' }), makeStaff(env, { role: 'exit_worker' }),
  ]);
  [mc, wc, sc, gc] = await Promise.all([sessionFor(env, manager), sessionFor(env, worker), sessionFor(env, officer), sessionFor(env, stranger)]);
});
afterAll(() => env.close());

const plan = { triggers: [], steps: ['Call the lead'], callTree: [{ role: 'Lead', name: 'Wim', phone: '+49 30 1234567', fallback: '' }], agencyContact: '', agencyAgreement: '' };
const gapOf = async (cookie: string, id: string) => (await api(env, cookie).get(`/api/cases/${id}/high-risk-gap`)).json().gap;
const listed = async (cookie: string) => ((await api(env, cookie).get('/api/protection/high-risk-gaps')).json().gaps as { caseId: string; codename: string; missing: string[]; riskLevel: string }[]);

describe('the high-risk gap', () => {
  it('opens for a case rated high without emergency plan and security officer, and closes when both exist', async () => {
    const id = await makeCase(env, mc, { codename: 'Gap Case', team: [{ staffId: worker.id, role: 'lead' }] });
    expect(await gapOf(wc, id)).toBeNull();
    await signAssessment(env, id, worker.id, 'high');
    expect(await gapOf(wc, id)).toMatchObject({ riskLevel: 'high', missing: ['emergency_plan', 'security_officer'] });
    expect((await listed(mc)).find((g) => g.caseId === id)).toMatchObject({ codename: 'Gap Case', missing: ['emergency_plan', 'security_officer'] });

    await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, expectedVersion: 0 });
    expect((await gapOf(wc, id)).missing).toEqual(['security_officer']);

    expect((await putTeam(env, mc, id, [{ staffId: worker.id, role: 'lead' }, { staffId: officer.id, role: 'member' }])).statusCode).toBe(200);
    expect(await gapOf(wc, id)).toBeNull();
    expect((await listed(mc)).map((g) => g.caseId)).not.toContain(id);

    // A security officer whose account is disabled no longer counts.
    await env.owner.query('update staff set disabled_at = now() where id = $1', [officer.id]);
    expect((await gapOf(wc, id)).missing).toEqual(['security_officer']);
    await env.owner.query('update staff set disabled_at = null where id = $1', [officer.id]);
    expect(await gapOf(wc, id)).toBeNull();
  });

  it('follows the latest signed assessment only, and leaves closed cases out', async () => {
    const id = await makeCase(env, mc, { team: [{ staffId: worker.id, role: 'lead' }] });
    await signAssessment(env, id, worker.id, 'imminent');
    expect((await gapOf(wc, id)).riskLevel).toBe('imminent');
    await signAssessment(env, id, worker.id, 'moderate');
    expect(await gapOf(wc, id)).toBeNull();
    // A draft rating high is not a judgement yet.
    await env.owner.query(`insert into risk_assessments (id, case_id, instrument_id, number, status, ratings_enc, risk_level, created_by, updated_by)
      select $1, $2, instrument_id, 99, 'draft', '\\x00'::bytea, 'high', $3, $3 from risk_assessments where case_id = $2 limit 1`, [randomUUID(), id, worker.id]);
    expect(await gapOf(wc, id)).toBeNull();
    await signAssessment(env, id, worker.id, 'high');
    expect(await gapOf(wc, id)).not.toBeNull();

    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    await api(env, mc).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'completed', text: 'Done', expectedVersion: version });
    expect(await gapOf(wc, id)).toBeNull();
    expect((await listed(mc)).map((g) => g.caseId)).not.toContain(id);
  });
});

describe('who sees which gaps', () => {
  it('managers see every open gap, everyone else those of their case teams; the case view is for everyone who sees the case', async () => {
    const mine = await makeCase(env, mc, { codename: 'Worker Gap', team: [{ staffId: worker.id, role: 'lead' }] });
    const officers = await makeCase(env, mc, { codename: 'Officer Gap', team: [{ staffId: officer.id, role: 'lead' }] });
    const nobodys = await makeCase(env, mc, { codename: 'Nobody Gap' });
    for (const id of [mine, officers, nobodys]) await signAssessment(env, id, manager.id, 'high');

    const all = (await listed(mc)).map((g) => g.caseId);
    expect(all).toEqual(expect.arrayContaining([mine, officers, nobodys]));
    expect((await listed(wc)).map((g) => g.caseId)).toEqual([mine]);
    expect((await listed(sc)).map((g) => g.caseId)).toEqual([officers]);
    expect((await listed(gc)).map((g) => g.caseId)).toEqual([]);
    // The officer's own case lacks only the plan.
    expect((await listed(sc))[0]!.missing).toEqual(['emergency_plan']);

    expect((await api(env, gc).get(`/api/cases/${nobodys}/high-risk-gap`)).statusCode).toBe(404);
    // An emergency reader is not told the gap: it would tell them the risk level, which stays with the team.
    await api(env, gc).post('/api/break-glass', { codename: 'Nobody Gap', reason: 'Client called the emergency line, lead unreachable', hours: 1 });
    const asEmergencyReader = await api(env, gc).get(`/api/cases/${nobodys}/high-risk-gap`);
    expect(asEmergencyReader.statusCode).toBe(200);
    expect(asEmergencyReader.json()).toEqual({ gap: null });
    expect((await listed(gc)).map((g) => g.caseId)).toEqual([]);

    const audit = await env.owner.query(`select action, outcome, basis from audit_events where actor_id = $1 and action in ('case.high-risk-gap.read', 'protection.high-risk-gaps.list') order by seq`, [stranger.id]);
    expect(audit.rows.map((r) => `${r.action}:${r.outcome}:${r.basis ?? ''}`)).toEqual([
      'protection.high-risk-gaps.list:success:', 'case.high-risk-gap.read:denied:', 'case.high-risk-gap.read:success:break_glass', 'protection.high-risk-gaps.list:success:',
    ]);
  });
});
