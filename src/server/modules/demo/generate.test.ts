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
    const page = (await api(env, mc).get('/api/cases?limit=200&state=active')).json();
    expect(page.cases).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
    const next = (await api(env, mc).get(`/api/cases?limit=200&state=active&after=${page.nextCursor}`)).json();
    expect(next.cases.map((c: { id: string }) => c.id)).not.toContain(page.cases[0].id);
    expect((await api(env, mc).get('/api/cases?after=garbage')).json().error.code).toBe('invalid_cursor');
  });
});
