import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let people: Record<'manager' | 'lead' | 'member' | 'outsider' | 'glass' | 'finance' | 'admin', TestStaff>;
let cookies: Record<keyof typeof people, string>;
let caseId: string;
let aid: string;
beforeAll(async () => {
  env = await createTestEnv();
  people = {
    manager: await makeStaff(env, { role: 'manager' }), lead: await makeStaff(env, { role: 'exit_worker' }), member: await makeStaff(env, { role: 'security_officer' }),
    outsider: await makeStaff(env, { role: 'exit_worker' }), glass: await makeStaff(env, { role: 'exit_worker' }), finance: await makeStaff(env, { role: 'finance' }),
    admin: await makeStaff(env, { role: 'administrator' }),
  };
  cookies = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, p]) => [k, await sessionFor(env, p)]))) as typeof cookies;
  caseId = await makeCase(env, cookies.manager, { codename: 'Risk Glass', team: [{ staffId: people.lead.id, role: 'lead' }, { staffId: people.member.id, role: 'member' }] });
  const shipped = (await api(env, cookies.lead).get('/api/risk/instruments')).json().instruments[0].id;
  aid = (await api(env, cookies.lead).post(`/api/cases/${caseId}/risk/assessments`, { instrumentId: shipped })).json().id;
  await api(env, cookies.lead).put(`/api/cases/${caseId}/risk/assessments/${aid}`, { revision: 1, ratings: { G1: { scale: '2', evidenceFor: 'Seen by the lead' } } });
  const glass = await api(env, cookies.glass).post('/api/break-glass', { codename: 'Risk Glass', reason: 'Client called the emergency line, lead unreachable', hours: 1 });
  if (glass.statusCode !== 201) throw new Error(glass.body);
});
afterAll(() => env.close());

const reads = () => [`/api/cases/${caseId}/risk/assessments`, `/api/cases/${caseId}/risk/assessments/${aid}`, `/api/cases/${caseId}/risk/chart`];

describe('who sees a case\'s risk assessments', () => {
  it('managers and the case team read them', async () => {
    for (const who of ['manager', 'lead', 'member'] as const) {
      for (const url of reads()) expect((await api(env, cookies[who]).get(url)).statusCode, `${who} ${url}`).toBe(200);
    }
    expect((await api(env, cookies.member).get(reads()[1]!)).json().ratings.G1.evidenceFor).toBe('Seen by the lead');
  });

  it('a worker not on the team gets the same 404 as for a case that does not exist, for reads and writes', async () => {
    const o = api(env, cookies.outsider);
    for (const url of reads()) expect((await o.get(url)).statusCode).toBe(404);
    expect((await o.put(reads()[1]!, { revision: 2, ratings: {} })).statusCode).toBe(404);
    expect((await o.post(`/api/cases/${caseId}/risk/assessments`, { instrumentId: aid })).statusCode).toBe(404);
    expect((await o.post(`${reads()[1]}/sign`, { revision: 2, ratings: {}, judgement: { riskLevel: 'low', scenarios: 'x', whatWouldChange: 'y' } })).statusCode).toBe(404);
    const missing = '00000000-0000-4000-8000-00000000abcd';
    expect((await o.get(`/api/cases/${missing}/risk/assessments`)).body.replace(/"correlationId":"[^"]+"/, ''))
      .toBe((await o.get(`/api/cases/${caseId}/risk/assessments`)).body.replace(/"correlationId":"[^"]+"/, ''));
  });

  it('an emergency (break-the-glass) reader sees the case but none of its risk data, and cannot write it', async () => {
    const g = api(env, cookies.glass);
    expect((await g.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    for (const url of reads()) {
      const res = await g.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Seen by the lead');
    }
    expect((await g.put(reads()[1]!, { revision: 2, ratings: {} })).statusCode).toBe(403);
    const audit = await env.owner.query(`select action, outcome, basis from audit_events where actor_id = $1 and action like 'risk.%' order by seq`, [people.glass.id]);
    expect(audit.rows).toEqual([
      { action: 'risk.assessment.list', outcome: 'denied', basis: 'break_glass' }, { action: 'risk.assessment.read', outcome: 'denied', basis: 'break_glass' },
      { action: 'risk.chart.read', outcome: 'denied', basis: 'break_glass' }, { action: 'risk.assessment.save', outcome: 'denied', basis: 'break_glass' },
    ]);
  });

  it('roles without case work are refused by permission, before any case is looked at', async () => {
    for (const who of ['finance', 'admin'] as const) {
      for (const url of [...reads(), '/api/risk/reviews', '/api/risk/instruments']) expect((await api(env, cookies[who]).get(url)).statusCode, `${who} ${url}`).toBe(403);
    }
  });

  it('an assessment is only found under its own case', async () => {
    const other = await makeCase(env, cookies.manager, { team: [{ staffId: people.lead.id, role: 'lead' }] });
    expect((await api(env, cookies.lead).get(`/api/cases/${other}/risk/assessments/${aid}`)).statusCode).toBe(404);
    expect((await api(env, cookies.lead).put(`/api/cases/${other}/risk/assessments/${aid}`, { revision: 2, ratings: {} })).statusCode).toBe(404);
  });
});
