import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerCategories } from '../../../contracts/agreement.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { activateCase, api, makeCase, makeStaff, sessionFor, testProfile, type TestStaff } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let mc: string;
let lc: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  [mc, lc] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead)]);
});
afterAll(() => env.close());

const version = async (id: string) => (await api(env, mc).get(`/api/cases/${id}`)).json().version as number;
const consents = Object.fromEntries(partnerCategories.map((p, i) => [p, i % 3 === 0 ? 'yes' : i % 3 === 1 ? 'no' : 'not_asked']));

describe('client agreement', () => {
  it('records the agreement with the transparency statement of the accepted programme version; a new one is the next version', async () => {
    const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }] });
    await activateCase(env, mc, id);
    const body = { agreedOn: '2026-11-25', givenHow: 'signed_paper', offer: 'Weekly meetings; help with housing and work. No legal advice.', conductRules: 'No violence or threats.', consents };
    const first = await api(env, lc).post(`/api/cases/${id}/agreements`, { ...body, expectedVersion: await version(id) });
    expect(first.statusCode).toBe(201);
    expect(first.json().agreementVersion).toBe(1);
    const second = await api(env, lc).post(`/api/cases/${id}/agreements`, { ...body, consents: { ...consents, police: 'no' }, expectedVersion: await version(id) });
    expect(second.json().agreementVersion).toBe(2);
    const list = (await api(env, lc).get(`/api/cases/${id}/agreements`)).json().agreements;
    expect(list.map((a: { version: number }) => a.version)).toEqual([2, 1]);
    expect(list[0]).toMatchObject({ transparencyStatement: testProfile.transparencyStatement, programmeVersion: 1, givenHow: 'signed_paper', consents: { police: 'no' } });
    const raw = await env.owner.query('select offer_enc from case_agreements where case_id = $1', [id]);
    expect(Buffer.from(raw.rows[0].offer_enc).includes(Buffer.from('housing'))).toBe(false);
  });

  it('refuses a consent list with a missing or unknown partner category, field by field', async () => {
    const id = await makeCase(env, mc);
    const { police: _omit, ...partial } = consents;
    const res = await api(env, mc).post(`/api/cases/${id}/agreements`, { agreedOn: '2026-11-25', givenHow: 'verbal', offer: 'x', conductRules: 'y', consents: { ...partial, army: 'yes' }, expectedVersion: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['consents.police', 'consents.army']));
  });
});

describe('conduct', () => {
  it('records incidents; a manager warns, then dismisses, which closes the case as "dismissed"', async () => {
    const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }] });
    await activateCase(env, mc, id);
    const inc = await api(env, lc).post(`/api/cases/${id}/conduct/incidents`, { occurredOn: '2026-11-25', kind: 'threat_to_staff', severity: 'high', description: 'Threatened the worker by phone', actionsTaken: 'Security officer informed', expectedVersion: await version(id) });
    expect(inc.statusCode).toBe(201);
    expect((await api(env, lc).post(`/api/cases/${id}/conduct/decision`, { decision: 'warning', reasons: 'lead cannot', expectedVersion: await version(id) })).statusCode).toBe(403);
    expect((await api(env, mc).post(`/api/cases/${id}/conduct/decision`, { decision: 'warning', reasons: 'First written warning after the threat', expectedVersion: await version(id) })).json().status).toBe('active');
    const dismissed = await api(env, mc).post(`/api/cases/${id}/conduct/decision`, { decision: 'dismissal', reasons: 'Repeated threats against staff', expectedVersion: await version(id) });
    expect(dismissed.json().status).toBe('closed');
    const d = (await api(env, mc).get(`/api/cases/${id}`)).json();
    expect(d.closure).toEqual({ reason: 'dismissed', text: 'Repeated threats against staff' });
    const conduct = (await api(env, lc).get(`/api/cases/${id}/conduct`)).json();
    expect(conduct.incidents).toEqual([expect.objectContaining({ kind: 'threat_to_staff', severity: 'high', description: 'Threatened the worker by phone', recordedByName: lead.name })]);
    expect(conduct.decisions.map((x: { decision: string }) => x.decision)).toEqual(['dismissal', 'warning']);
    const again = await api(env, mc).post(`/api/cases/${id}/conduct/decision`, { decision: 'warning', reasons: 'too late', expectedVersion: await version(id) });
    expect(again.statusCode).toBe(409);
  });
});
