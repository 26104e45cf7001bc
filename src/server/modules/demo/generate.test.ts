import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeStaff, sessionFor } from '../../testing/factories.ts';
import { generateFictionalData } from './generate.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(() => env.close());

describe('fictional data generator', () => {
  it('writes cases whose encrypted fields, notes and timeline open through the ordinary API, and reports progress', async () => {
    const manager = await makeStaff(env, { role: 'manager' });
    const worker = await makeStaff(env, { role: 'exit_worker' });
    const progress: number[] = [];
    const out = await generateFictionalData({ db: env.ctx.db, keyring: env.ctx.keyring, cases: 2500, notesPerCase: 2, assign: { staffId: worker.id, count: 50 }, onProgress: (done) => progress.push(done) });
    expect(out).toMatchObject({ cases: 2500, notes: 5000 });
    expect(progress).toEqual([2000, 2500]);

    const mc = await sessionFor(env, manager);
    const wc = await sessionFor(env, worker);
    const workerCases = (await api(env, wc).get('/api/cases?limit=200')).json().cases;
    expect(workerCases).toHaveLength(50);
    const id = workerCases[0].id;
    const detail = await api(env, wc).get(`/api/cases/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().referral.referrer).toContain('Fictional');
    expect((await api(env, wc).get(`/api/cases/${id}/notes`)).json().notes).toHaveLength(2);
    expect((await api(env, mc).get(`/api/cases/${id}/timeline`)).statusCode).toBe(200);
    // Accepted cases carry signed risk assessments that open and chart through the ordinary API.
    expect(out.assessments).toBeGreaterThan(1000);
    const accepted = (await api(env, mc).get('/api/cases?limit=5&state=active')).json().cases[0].id;
    const list = (await api(env, mc).get(`/api/cases/${accepted}/risk/assessments`)).json();
    const signed = list.assessments.filter((a: { status: string }) => a.status === 'signed');
    expect(signed.length).toBeGreaterThanOrEqual(1);
    const one = (await api(env, mc).get(`/api/cases/${accepted}/risk/assessments/${signed[0].id}`)).json();
    expect(one.judgement.scenarios).toContain('fictional');
    expect(Object.keys(one.ratings).length).toBeGreaterThan(10);
    expect((await api(env, mc).get(`/api/cases/${accepted}/risk/chart`)).statusCode).toBe(200);
    // Signed within the last four months with a 90-day review: some are overdue.
    const due = (await api(env, mc).get('/api/risk/reviews')).json().reviews as { status: string }[];
    expect(due.filter((r) => r.status === 'overdue').length).toBeGreaterThan(0);
    const page = (await api(env, mc).get('/api/cases?limit=200&state=active')).json();
    expect(page.cases).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
    const next = (await api(env, mc).get(`/api/cases?limit=200&state=active&after=${page.nextCursor}`)).json();
    expect(next.cases.map((c: { id: string }) => c.id)).not.toContain(page.cases[0].id);
    expect((await api(env, mc).get('/api/cases?after=garbage')).json().error.code).toBe('invalid_cursor');
  });
});
