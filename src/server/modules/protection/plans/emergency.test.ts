import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../../testing/factories.ts';
import { auditText, rawRows } from './plans-testing.ts';

let env: TestEnv;
let manager: TestStaff;
let worker: TestStaff;
let officer: TestStaff;
let otherOfficer: TestStaff;
let stranger: TestStaff;
let mc: string;
let wc: string;
let sc: string;
let oc: string;
let gc: string;

beforeAll(async () => {
  env = await createTestEnv();
  [manager, worker, officer, otherOfficer, stranger] = await Promise.all([
    makeStaff(env, { role: 'manager' }), makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'security_officer' }),
    makeStaff(env, { role: 'security_officer' }), makeStaff(env, { role: 'exit_worker' }),
  ]);
  [mc, wc, sc, oc, gc] = await Promise.all([sessionFor(env, manager), sessionFor(env, worker), sessionFor(env, officer), sessionFor(env, otherOfficer), sessionFor(env, stranger)]);
});
afterAll(() => env.close());

const SAFE = 'Safe flat: Lindenstrasse 12, key with neighbour';
const MOVED = 'Moved to Kiel-Gaarden';
const plan = {
  triggers: ['Group members seen near the flat'],
  steps: ['Leave by the back door', 'Call the first number on the call tree'],
  callTree: [
    { role: 'Lead worker', name: 'Wim', phone: '+49 30 1234567', fallback: 'Programme duty phone' },
    { role: 'Security officer', name: 'Gus', phone: '(030) 765-4321', fallback: '' },
  ],
  agencyContact: 'LKA Staatsschutz, desk 4, +49 30 999',
  agencyAgreement: 'They drive by twice a night for four weeks.',
};
const teamCase = (codename?: string) => makeCase(env, mc, { ...(codename ? { codename } : {}), team: [{ staffId: worker.id, role: 'lead' }, { staffId: officer.id, role: 'member' }] });
const planOf = async (cookie: string, id: string) => api(env, cookie).get(`/api/cases/${id}/emergency-plan`);

describe('emergency plan', () => {
  it('saves a new version each time; a save on an old version is a 409', async () => {
    const id = await teamCase();
    const empty = (await planOf(wc, id)).json();
    expect(empty).toEqual({ plan: null, may: { write: true, readSealed: false, writeSealed: false } });
    const first = await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, expectedVersion: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    const second = await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, steps: ['Go to the safe flat'], safeLocations: SAFE, expectedVersion: 1 });
    expect(second.json().version).toBe(2);
    const stale = await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('emergency_plan_changed');
    const current = (await planOf(wc, id)).json().plan;
    expect(current).toMatchObject({ version: 2, steps: ['Go to the safe flat'], callTree: plan.callTree, agencyContact: plan.agencyContact, updatedByName: officer.name });
    const versions = await env.owner.query('select version from emergency_plans where case_id = $1 order by version', [id]);
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('refuses an incomplete plan or a bad phone number, naming the field', async () => {
    const id = await teamCase();
    const res = await api(env, wc).put(`/api/cases/${id}/emergency-plan`, {
      ...plan, steps: [], callTree: [{ role: 'Lead', name: '', phone: 'call Wim', fallback: '' }, { role: 'x', name: 'y', phone: '12' }], expectedVersion: 0,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`);
    expect(fields).toEqual(expect.arrayContaining(['steps:too_small', 'callTree.0.name:too_small', 'callTree.0.phone:invalid_format', 'callTree.1.phone:invalid_format', 'callTree.1.fallback:invalid_type']));
    expect((await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, callTree: [], expectedVersion: 0 })).statusCode).toBe(400);
    expect((await env.owner.query('select count(*)::int as n from emergency_plans where case_id = $1', [id])).rows[0].n).toBe(0);
  });
});

describe('sealed parts: safe locations and relocation', () => {
  it('only managers and the case\'s security officer receive them; a team worker never does, not even that they exist', async () => {
    const id = await teamCase();
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: SAFE, expectedVersion: 0 });
    expect((await api(env, sc).post(`/api/cases/${id}/relocations`, { area: MOVED, movedOn: '2026-12-01', measures: 'New bank account' })).statusCode).toBe(201);

    for (const cookie of [sc, mc]) {
      const body = (await planOf(cookie, id)).json();
      expect(body.plan.safeLocations).toBe(SAFE);
      expect(body.may).toMatchObject({ readSealed: true, writeSealed: true });
      expect((await api(env, cookie).get(`/api/cases/${id}/relocations`)).json().relocations).toEqual([expect.objectContaining({ area: MOVED, movedOn: '2026-12-01', measures: 'New bank account', recordedByName: officer.name })]);
    }

    const seen = await planOf(wc, id);
    expect(seen.json().plan).not.toHaveProperty('safeLocations');
    expect(seen.json().may).toEqual({ write: true, readSealed: false, writeSealed: false });
    expect(seen.body).not.toContain('Lindenstrasse');
    const relocation = await api(env, wc).get(`/api/cases/${id}/relocations`);
    expect(relocation.statusCode).toBe(403);
    expect(relocation.body).not.toContain('Kiel');
    expect((await api(env, wc).post(`/api/cases/${id}/relocations`, { area: 'x', movedOn: '2026-12-01', measures: '' })).statusCode).toBe(403);
    // The timeline does not tell the worker that there was a relocation; a manager sees the event.
    expect(JSON.stringify((await api(env, wc).get(`/api/cases/${id}/timeline`)).json())).not.toContain('relocation');
    expect(JSON.stringify((await api(env, mc).get(`/api/cases/${id}/timeline`)).json())).toContain('relocation.recorded');

    // A worker's save cannot set safe locations, and keeps the current ones without seeing them.
    expect((await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: '', expectedVersion: 1 })).statusCode).toBe(403);
    expect((await api(env, wc).put(`/api/cases/${id}/emergency-plan`, { ...plan, steps: ['Run'], expectedVersion: 1 })).json().version).toBe(2);
    expect((await planOf(sc, id)).json().plan).toMatchObject({ version: 2, steps: ['Run'], safeLocations: SAFE });
    // The security officer clears them with an empty text.
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: '', expectedVersion: 2 });
    expect((await planOf(mc, id)).json().plan.safeLocations).toBeNull();
  });

  it('a security officer who is not on the team gets a 404 for everything of the case', async () => {
    const id = await teamCase();
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: SAFE, expectedVersion: 0 });
    for (const url of ['emergency-plan', 'relocations', 'emergency-plan/pocket-card', 'high-risk-gap', 'shield-plan']) {
      const res = await api(env, oc).get(`/api/cases/${id}/${url}`);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await api(env, oc).post(`/api/cases/${id}/relocations`, { area: 'x', movedOn: '2026-12-01', measures: '' })).statusCode).toBe(404);
  });

  it('an emergency (break-the-glass) reader reads the plan without sealed parts and cannot change anything', async () => {
    const id = await teamCase('Glass Plan');
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: SAFE, expectedVersion: 0 });
    await api(env, sc).post(`/api/cases/${id}/relocations`, { area: MOVED, movedOn: '2026-12-01', measures: '' });
    expect((await planOf(gc, id)).statusCode).toBe(404);
    expect((await api(env, gc).post('/api/break-glass', { codename: 'Glass Plan', reason: 'Client called the emergency line, lead unreachable', hours: 1 })).statusCode).toBe(201);

    const read = await planOf(gc, id);
    expect(read.statusCode).toBe(200);
    expect(read.json().plan.steps).toEqual(plan.steps);
    expect(read.json().may).toEqual({ write: false, readSealed: false, writeSealed: false });
    expect(read.body).not.toContain('Lindenstrasse');
    expect((await api(env, gc).put(`/api/cases/${id}/emergency-plan`, { ...plan, expectedVersion: 1 })).statusCode).toBe(403);
    expect((await api(env, gc).get(`/api/cases/${id}/relocations`)).statusCode).toBe(403);
    const card = await api(env, gc).get(`/api/cases/${id}/emergency-plan/pocket-card`);
    expect(card.statusCode).toBe(200);
    expect(card.body).not.toContain('Lindenstrasse');
    expect((await api(env, gc).get(`/api/cases/${id}/emergency-plan/pocket-card?safeLocations=include`)).statusCode).toBe(403);
    const audit = await env.owner.query(`select action, outcome, basis from audit_events where case_id = $1 and actor_id = $2 and action like 'case.emergency.%' order by seq`, [id, stranger.id]);
    expect(audit.rows.map((r) => `${r.action}:${r.outcome}:${r.basis ?? ''}`)).toEqual([
      'case.emergency.read:denied:', 'case.emergency.read:success:break_glass', 'case.emergency.save:denied:break_glass',
      'case.emergency.pocket-card.read:success:break_glass', 'case.emergency.pocket-card.read:denied:break_glass',
    ]);
  });
});

describe('pocket card', () => {
  it('shows codename, steps and call tree; safe locations only when a reader of sealed parts asks; never relocation', async () => {
    const id = await teamCase('Card Case');
    expect((await api(env, wc).get(`/api/cases/${id}/emergency-plan/pocket-card`)).json().error.code).toBe('emergency_plan_missing');
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: SAFE, expectedVersion: 0 });
    await api(env, sc).post(`/api/cases/${id}/relocations`, { area: MOVED, movedOn: '2026-12-01', measures: 'New bank account' });

    const asWorker = await api(env, wc).get(`/api/cases/${id}/emergency-plan/pocket-card`);
    expect(asWorker.json()).toMatchObject({ codename: 'Card Case', version: 1, steps: plan.steps, callTree: plan.callTree });
    expect(asWorker.json()).not.toHaveProperty('safeLocations');
    expect((await api(env, wc).get(`/api/cases/${id}/emergency-plan/pocket-card?safeLocations=include`)).statusCode).toBe(403);

    const plain = await api(env, sc).get(`/api/cases/${id}/emergency-plan/pocket-card`);
    expect(plain.json()).not.toHaveProperty('safeLocations');
    const sealed = await api(env, sc).get(`/api/cases/${id}/emergency-plan/pocket-card?safeLocations=include`);
    expect(sealed.json().safeLocations).toBe(SAFE);
    for (const res of [asWorker, plain, sealed]) {
      expect(res.body).not.toContain('Kiel');
      expect(res.body).not.toContain('bank account');
      // Nor what the security agency agreed: the card is for the client's pocket.
      expect(res.body).not.toContain('twice a night');
    }
    const printed = await env.owner.query(`select actor_id, outcome, reason from audit_events where case_id = $1 and action = 'case.emergency.pocket-card.read' order by seq`, [id]);
    // The first is the attempt before there was a plan.
    expect(printed.rows.map((r) => [r.actor_id, r.outcome, r.reason])).toEqual([
      [worker.id, 'success', null], [worker.id, 'success', null], [worker.id, 'denied', null], [officer.id, 'success', null], [officer.id, 'success', 'with safe locations'],
    ]);
  });

  it('stores everything encrypted (sealed parts under the case key) and audits without field values', async () => {
    const id = await teamCase();
    await api(env, sc).put(`/api/cases/${id}/emergency-plan`, { ...plan, safeLocations: SAFE, expectedVersion: 0 });
    await api(env, sc).post(`/api/cases/${id}/relocations`, { area: MOVED, movedOn: '2026-12-01', measures: 'New bank account' });
    const plans = await rawRows(env, 'emergency_plans', id);
    for (const value of ['Lindenstrasse', 'back door', 'Wim', '1234567', 'Staatsschutz']) expect(plans.includes(value), value).toBe(false);
    expect((await rawRows(env, 'relocations', id)).includes('Kiel')).toBe(false);
    // Sealed values carry key version 0 (the case's own key) in their header.
    const sealed = await env.owner.query('select safe_locations_enc from emergency_plans where case_id = $1', [id]);
    const reloc = await env.owner.query('select details_enc from relocations where case_id = $1', [id]);
    expect([sealed.rows[0].safe_locations_enc, reloc.rows[0].details_enc].map((b: Buffer) => b.readUInt32BE(1))).toEqual([0, 0]);
    expect((await env.owner.query('select plan_enc from emergency_plans where case_id = $1', [id])).rows[0].plan_enc.readUInt32BE(1)).toBeGreaterThan(0);
    const text = await auditText(env, id);
    for (const value of ['Lindenstrasse', 'Kiel', 'Wim', 'back door']) expect(text).not.toContain(value);
  });
});
