import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { api, HOST, makeCase, makeStaff, ORIGIN, sessionFor, type TestStaff } from '../../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let member: TestStaff;
let guard: TestStaff;
let outsider: TestStaff;
let mc: string;
let lc: string;
let gc: string;
let oc: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  member = await makeStaff(env, { role: 'exit_worker' });
  guard = await makeStaff(env, { role: 'security_officer' });
  outsider = await makeStaff(env, { role: 'exit_worker' });
  [mc, lc, gc, oc] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead), sessionFor(env, guard), sessionFor(env, outsider)]);
});
afterAll(() => env.close());

const del = (cookie: string, url: string) => env.app.inject({ method: 'DELETE', url, headers: { origin: ORIGIN, host: HOST, cookie } });
const person = (name: string, extra: Record<string, unknown> = {}) => ({
  kind: 'person', name, role: 'Enforcer', relationToClient: 'Former comrade', capability: 'high', intent: 'moderate',
  lastKnownActivity: 'Seen near the client\'s workplace', lastActivityOn: '2026-10-01', notes: 'Owns a van', ...extra,
});
const group = (name: string) => ({ ...person(name), kind: 'group', role: 'Local cell', capability: 'moderate', intent: 'high', lastActivityOn: null });
const teamCase = () => makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }, { staffId: member.id, role: 'member' }, { staffId: guard.id, role: 'member' }] });
const analysis = async (cookie: string, id: string) => (await api(env, cookie).get(`/api/cases/${id}/threats`)).json();

describe('threat actors', () => {
  it('adds, reads (decrypted), edits with a revision and removes actors; a stale revision is a 409 and the text stays as the colleague saved it', async () => {
    const id = await teamCase();
    const added = await api(env, lc).post(`/api/cases/${id}/threats/actors`, person('Harald Example'));
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ revision: 1 });
    const actorId = added.json().id as string;

    const read = await analysis(lc, id);
    expect(read.mayEdit).toBe(true);
    expect(read.actors).toEqual([expect.objectContaining({ id: actorId, kind: 'person', name: 'Harald Example', capability: 'high', intent: 'moderate', lastActivityOn: '2026-10-01', revision: 1, createdByName: lead.name })]);

    const edited = await api(env, gc).put(`/api/cases/${id}/threats/actors/${actorId}`, { ...person('Harald Example', { intent: 'high' }), kind: undefined, expectedRevision: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toEqual({ revision: 2 });
    const stale = await api(env, lc).put(`/api/cases/${id}/threats/actors/${actorId}`, { ...strip(person('Overwritten')), expectedRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('threat_actor_changed');
    expect((await analysis(lc, id)).actors[0]).toMatchObject({ name: 'Harald Example', intent: 'high', revision: 2 });

    expect((await del(lc, `/api/cases/${id}/threats/actors/${actorId}`)).statusCode).toBe(200);
    expect((await analysis(lc, id)).actors).toEqual([]);
    expect((await del(lc, `/api/cases/${id}/threats/actors/${actorId}`)).statusCode).toBe(404);
  });

  it('refuses unknown fields, an empty name and an unknown level, field by field', async () => {
    const id = await teamCase();
    const res = await api(env, lc).post(`/api/cases/${id}/threats/actors`, { ...person(''), capability: 'extreme', colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['name', 'capability', 'colour']));
  });

  it('an actor of another case cannot be edited or removed through this one', async () => {
    const a = await teamCase();
    const b = await teamCase();
    const actorId = (await api(env, lc).post(`/api/cases/${a}/threats/actors`, person('Elsewhere'))).json().id;
    expect((await api(env, lc).put(`/api/cases/${b}/threats/actors/${actorId}`, { ...strip(person('x')), expectedRevision: 1 })).statusCode).toBe(404);
    expect((await del(lc, `/api/cases/${b}/threats/actors/${actorId}`)).statusCode).toBe(404);
    expect((await analysis(lc, a)).actors).toHaveLength(1);
  });
});

const strip = ({ kind: _kind, ...rest }: Record<string, unknown>) => rest;

describe('links', () => {
  it('links actors to the client, each other and a team member; refuses self-links, duplicates (either direction), strangers and other cases\' actors', async () => {
    const id = await teamCase();
    const other = await teamCase();
    const add = async (c: string, body: unknown) => api(env, lc).post(`/api/cases/${c}/threats/actors`, body);
    const g = (await add(id, group('Blue Cell'))).json().id;
    const p = (await add(id, person('Harald'))).json().id;
    const foreign = (await add(other, person('Foreign'))).json().id;
    const link = (body: Record<string, unknown>) => api(env, lc).post(`/api/cases/${id}/threats/links`, { relation: 'member of', ...body });

    expect((await link({ fromActorId: p, to: { kind: 'actor', actorId: g } })).statusCode).toBe(201);
    expect((await link({ fromActorId: g, to: { kind: 'client' } })).statusCode).toBe(201);
    expect((await link({ fromActorId: p, to: { kind: 'staff', staffId: guard.id } })).statusCode).toBe(201);

    const codeOf = async (body: Record<string, unknown>) => {
      const res = await link(body);
      return [res.statusCode, res.json().error?.code, res.json().error?.fields?.[0]?.path];
    };
    expect(await codeOf({ fromActorId: p, to: { kind: 'actor', actorId: p } })).toEqual([400, 'link_to_self', 'to.actorId']);
    expect(await codeOf({ fromActorId: g, to: { kind: 'actor', actorId: p } })).toEqual([409, 'link_exists', 'to']);
    expect(await codeOf({ fromActorId: g, to: { kind: 'client' } })).toEqual([409, 'link_exists', 'to']);
    expect(await codeOf({ fromActorId: p, to: { kind: 'staff', staffId: guard.id } })).toEqual([409, 'link_exists', 'to']);
    expect(await codeOf({ fromActorId: p, to: { kind: 'staff', staffId: outsider.id } })).toEqual([400, 'link_staff_not_on_team', 'to.staffId']);
    expect(await codeOf({ fromActorId: p, to: { kind: 'actor', actorId: foreign } })).toEqual([400, 'link_end_unknown', 'to.actorId']);
    expect(await codeOf({ fromActorId: foreign, to: { kind: 'client' } })).toEqual([400, 'link_end_unknown', 'fromActorId']);
    expect((await link({ fromActorId: p, to: { kind: 'client' }, relation: '' })).statusCode).toBe(400);

    const read = await analysis(lc, id);
    expect(read.links.map((l: { fromActorId: string; to: unknown; relation: string }) => [l.fromActorId, l.to, l.relation])).toEqual([
      [p, { kind: 'actor', actorId: g }, 'member of'],
      [g, { kind: 'client' }, 'member of'],
      [p, { kind: 'staff', staffId: guard.id }, 'member of'],
    ]);
    expect(read.staff).toEqual(expect.arrayContaining([
      { staffId: lead.id, name: lead.name, staffRole: 'exit_worker', teamRole: 'lead' },
      { staffId: guard.id, name: guard.name, staffRole: 'security_officer', teamRole: 'member' },
    ]));

    // Removing an actor takes its links with it; a link removed is gone.
    const clientLink = read.links[1].id;
    expect((await del(lc, `/api/cases/${id}/threats/links/${clientLink}`)).statusCode).toBe(200);
    const removed = await del(lc, `/api/cases/${id}/threats/actors/${p}`);
    expect(removed.json()).toEqual({ removedLinks: 2 });
    expect((await analysis(lc, id)).links).toEqual([]);
  });

  it('keeps showing a linked staff member who has left the team, marked as no longer on it', async () => {
    const id = await teamCase();
    const p = (await api(env, lc).post(`/api/cases/${id}/threats/actors`, person('Watcher'))).json().id;
    expect((await api(env, lc).post(`/api/cases/${id}/threats/links`, { fromActorId: p, to: { kind: 'staff', staffId: member.id }, relation: 'follows' })).statusCode).toBe(201);
    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    expect((await api(env, mc).put(`/api/cases/${id}/team`, { members: [{ staffId: lead.id, role: 'lead', identityAccess: false }], expectedVersion: version })).statusCode).toBe(200);
    const staff = (await analysis(mc, id)).staff;
    expect(staff).toEqual([{ staffId: lead.id, name: lead.name, staffRole: 'exit_worker', teamRole: 'lead' }, { staffId: member.id, name: member.name, staffRole: 'exit_worker', teamRole: null }]);
  });
});

describe('dangerous knowledge', () => {
  it('adds and removes entries; the category must be one of the list', async () => {
    const id = await teamCase();
    const added = await api(env, gc).post(`/api/cases/${id}/threats/knowledge`, { category: 'weapons_or_attacks', notes: 'Knows where the cell stores its weapons' });
    expect(added.statusCode).toBe(201);
    expect((await api(env, gc).post(`/api/cases/${id}/threats/knowledge`, { category: 'gossip', notes: 'x' })).statusCode).toBe(400);
    expect((await analysis(lc, id)).knowledge).toEqual([expect.objectContaining({ category: 'weapons_or_attacks', notes: 'Knows where the cell stores its weapons', recordedByName: guard.name })]);
    expect((await del(lc, `/api/cases/${id}/threats/knowledge/${added.json().id}`)).statusCode).toBe(200);
    expect((await analysis(lc, id)).knowledge).toEqual([]);
  });
});

describe('who may see and change it', () => {
  it('managers and the team (the security officer on it too) read and write; a non-member 404; a finance account 403; an emergency reader 403; a closed case is read-only', async () => {
    const id = await teamCase();
    const finance = await makeStaff(env, { role: 'finance' });
    const emergency = await makeStaff(env, { role: 'security_officer' });
    const [fc, ec] = await Promise.all([sessionFor(env, finance), sessionFor(env, emergency)]);
    for (const c of [mc, lc, gc]) {
      expect((await api(env, c).get(`/api/cases/${id}/threats`)).statusCode).toBe(200);
      expect((await api(env, c).post(`/api/cases/${id}/threats/actors`, group('G'))).statusCode).toBe(201);
    }
    expect((await api(env, oc).get(`/api/cases/${id}/threats`)).statusCode).toBe(404);
    expect((await api(env, oc).post(`/api/cases/${id}/threats/actors`, group('G'))).statusCode).toBe(404);
    expect((await api(env, fc).get(`/api/cases/${id}/threats`)).statusCode).toBe(403);
    expect((await api(env, fc).post(`/api/cases/${id}/threats/knowledge`, { category: 'other', notes: 'x' })).statusCode).toBe(403);

    const codename = (await api(env, mc).get(`/api/cases/${id}`)).json().codename;
    expect((await api(env, ec).post('/api/break-glass', { codename, reason: 'Client called the emergency line, lead unreachable', hours: 1 })).statusCode).toBe(201);
    expect((await api(env, ec).get(`/api/cases/${id}`)).statusCode).toBe(200);
    const refused = await api(env, ec).get(`/api/cases/${id}/threats`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('"G"');
    expect((await api(env, ec).post(`/api/cases/${id}/threats/actors`, group('H'))).statusCode).toBe(403);

    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    expect((await api(env, mc).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'completed', text: 'Exit completed.', expectedVersion: version })).statusCode).toBe(200);
    const closed = await analysis(lc, id);
    expect(closed.mayEdit).toBe(false);
    expect(closed.actors).toHaveLength(3);
    expect((await api(env, lc).post(`/api/cases/${id}/threats/actors`, group('Late'))).statusCode).toBe(403);
    expect((await api(env, mc).post(`/api/cases/${id}/threats/actors`, group('Late'))).statusCode).toBe(403);

    const audit = await env.owner.query<{ actor_id: string; outcome: string; reason: string | null; basis: string | null }>(
      `select actor_id, outcome, reason, basis from audit_events where case_id = $1 and action = 'case.threats.read' order by seq`, [id]);
    expect(audit.rows.find((r) => r.actor_id === outsider.id)).toMatchObject({ outcome: 'denied', reason: 'not visible' });
    expect(audit.rows.find((r) => r.actor_id === emergency.id)).toMatchObject({ outcome: 'denied', basis: 'break_glass' });
    expect(audit.rows.filter((r) => r.actor_id === lead.id).every((r) => r.outcome === 'success' && r.basis === 'team')).toBe(true);
  });
});

describe('at rest and in the log', () => {
  it('stores no plaintext in the rows, the audit trail or the timeline, and writes one audit entry and one timeline event per change', async () => {
    const id = await teamCase();
    const secret = { name: 'Zebulon Quackenbush', role: 'Treasurer of the cell', relation: 'Recruited the client in 2019', notes: 'Drives a green Transit' };
    const a = (await api(env, lc).post(`/api/cases/${id}/threats/actors`, person(secret.name, { role: secret.role, relationToClient: secret.relation, notes: secret.notes }))).json().id;
    await api(env, lc).post(`/api/cases/${id}/threats/links`, { fromActorId: a, to: { kind: 'client' }, relation: 'Blackmails with photographs' });
    await api(env, lc).post(`/api/cases/${id}/threats/knowledge`, { category: 'finances', notes: 'Knows the account at Sparkasse Nordwest' });
    await api(env, lc).put(`/api/cases/${id}/threats/actors/${a}`, { ...strip(person(secret.name)), expectedRevision: 1 });
    await analysis(lc, id);
    const plaintexts = [secret.name, 'Quackenbush', secret.role, secret.relation, secret.notes, 'Blackmails', 'Sparkasse', 'workplace'];

    const rows = await env.owner.query(`select details_enc as v from threat_actors where case_id = $1
      union all select relation_enc from threat_links where case_id = $1 union all select notes_enc from dangerous_knowledge where case_id = $1`, [id]);
    expect(rows.rows).toHaveLength(3);
    for (const { v } of rows.rows) for (const p of plaintexts) expect(Buffer.from(v).includes(Buffer.from(p))).toBe(false);

    const audit = await env.owner.query(`select row_to_json(e)::text as t, action from audit_events e where case_id = $1 and action like 'case.threats.%' order by seq`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['case.threats.actor.add', 'case.threats.link.add', 'case.threats.knowledge.add', 'case.threats.actor.update', 'case.threats.read']);
    for (const { t } of audit.rows) for (const p of plaintexts) expect(t).not.toContain(p);

    const events = await env.owner.query(`select kind, data::text as data, text_enc from case_events where case_id = $1 and kind like 'threat.%' order by seq`, [id]);
    expect(events.rows.map((e) => e.kind)).toEqual(['threat.actor.added', 'threat.link.added', 'threat.knowledge.added', 'threat.actor.changed']);
    for (const e of events.rows) {
      expect(e.text_enc).toBeNull();
      for (const p of [...plaintexts, 'finances']) expect(e.data).not.toContain(p);
    }
  });
});
