import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../contracts/risk-assessment.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let mc: string;
let today: string;
let shipped: string;
let lead1: TestStaff;
let lead2: TestStaff;
let member: TestStaff;
beforeAll(async () => {
  env = await createTestEnv();
  const manager = await makeStaff(env, { role: 'manager' });
  mc = await sessionFor(env, manager);
  [lead1, lead2, member] = await Promise.all([makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'security_officer' }), makeStaff(env, { role: 'exit_worker' })]);
  today = (await env.owner.query<{ d: string }>('select current_date::text as d')).rows[0]!.d;
  shipped = (await api(env, mc).get('/api/risk/instruments')).json().instruments[0].id;
});
afterAll(() => env.close());

/** A signed assessment whose review falls on `reviewOn` (set afterwards: signing refuses past dates). */
async function signedWithReview(caseId: string, reviewOn: string): Promise<void> {
  const a = (await api(env, mc).post(`/api/cases/${caseId}/risk/assessments`, { instrumentId: shipped })).json();
  const res = await api(env, mc).post(`/api/cases/${caseId}/risk/assessments/${a.id}/sign`, { revision: 1, ratings: {}, judgement: { riskLevel: 'moderate', scenarios: 's', whatWouldChange: 'w' } });
  if (res.statusCode !== 200) throw new Error(res.body);
  await env.owner.query('update risk_assessments set next_review_on = $2, signed_at = now() - interval \'1 day\' * (10 - number) where id = $1', [a.id, reviewOn]);
}

describe('overdue risk reviews', () => {
  it('lists the latest signed assessment of open cases past (or near) its review date; managers all, others only the cases they lead', async () => {
    const team = (lead: TestStaff) => [{ staffId: lead.id, role: 'lead' as const }, { staffId: member.id, role: 'member' as const }];
    const overdue = await makeCase(env, mc, { codename: 'Overdue one', team: team(lead1) });
    await signedWithReview(overdue, addDays(today, -5));
    const soon = await makeCase(env, mc, { codename: 'Soon two', team: team(lead2) });
    await signedWithReview(soon, addDays(today, 3));
    const later = await makeCase(env, mc, { codename: 'Later three', team: team(lead1) });
    await signedWithReview(later, addDays(today, 60));
    const replaced = await makeCase(env, mc, { codename: 'Replaced four', team: team(lead1) });
    await signedWithReview(replaced, addDays(today, -20));
    await signedWithReview(replaced, addDays(today, 40));
    const closed = await makeCase(env, mc, { codename: 'Closed five', team: team(lead1) });
    await signedWithReview(closed, addDays(today, -9));
    const version = (await api(env, mc).get(`/api/cases/${closed}`)).json().version;
    expect((await api(env, mc).post(`/api/cases/${closed}/transition`, { to: 'closed', closureReason: 'completed', text: 'Done', expectedVersion: version })).statusCode).toBe(200);
    const draftOnly = await makeCase(env, mc, { codename: 'Draft six', team: team(lead1) });
    await api(env, mc).post(`/api/cases/${draftOnly}/risk/assessments`, { instrumentId: shipped });

    const seen = async (cookie: string) => (await api(env, cookie).get('/api/risk/reviews')).json().reviews as { codename: string; status: string; daysOverdue: number; nextReviewOn: string }[];
    const managerView = await seen(mc);
    expect(managerView.map((r) => [r.codename, r.status, r.daysOverdue, r.nextReviewOn])).toEqual([
      ['Overdue one', 'overdue', 5, addDays(today, -5)], ['Soon two', 'due_soon', -3, addDays(today, 3)],
    ]);
    expect((await seen(await sessionFor(env, lead1))).map((r) => r.codename)).toEqual(['Overdue one']);
    expect((await seen(await sessionFor(env, lead2))).map((r) => r.codename)).toEqual(['Soon two']);
    expect(await seen(await sessionFor(env, member))).toEqual([]);
    const audit = await env.owner.query(`select count(*)::int as n from audit_events where action = 'risk.reviews.list' and outcome = 'success'`);
    expect(audit.rows[0].n).toBe(4);
  });
});
