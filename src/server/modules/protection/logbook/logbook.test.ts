import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../testing/harness.ts';
import { activateCase, api, HOST, makeCase, makeStaff, ORIGIN, sessionFor, type TestStaff } from '../../../testing/factories.ts';
import { pngWithText, upload } from './test-helpers.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let member: TestStaff;
let outsider: TestStaff;
let officer: TestStaff;
let finance: TestStaff;
let mc: string, lc: string, memc: string, oc: string, sc: string, fc: string;

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  member = await makeStaff(env, { role: 'security_officer' });
  outsider = await makeStaff(env, { role: 'exit_worker' });
  officer = await makeStaff(env, { role: 'security_officer' });
  finance = await makeStaff(env, { role: 'finance' });
  [mc, lc, memc, oc, sc, fc] = await Promise.all([manager, lead, member, outsider, officer, finance].map((p) => sessionFor(env, p))) as [string, string, string, string, string, string];
});
afterAll(() => env.close());

const entry = { occurredOn: '2026-11-20', channel: 'phone', what: 'Caller said they know where the client sleeps', who: 'Former comrade "K."' } as const;
const del = (cookie: string, url: string) => env.app.inject({ method: 'DELETE', url, headers: { origin: ORIGIN, host: HOST, cookie } });

async function teamCase(codename?: string) {
  const id = await makeCase(env, mc, { ...(codename ? { codename } : {}), team: [{ staffId: lead.id, role: 'lead' }, { staffId: member.id, role: 'member' }] });
  await activateCase(env, mc, id);
  return id;
}

describe('threat logbook entries', () => {
  it('records entries for the team and lists them newest first, decrypted, with the timeline noting only that a threat was logged', async () => {
    const id = await teamCase();
    const first = await api(env, lc).post(`/api/cases/${id}/logbook`, entry);
    expect(first.statusCode).toBe(201);
    const second = await api(env, memc).post(`/api/cases/${id}/logbook`, { occurredOn: '2026-11-22', channel: 'social_media', what: 'Post naming the client a traitor', who: '' });
    expect(second.statusCode).toBe(201);
    const older = await api(env, mc).post(`/api/cases/${id}/logbook`, { occurredOn: '2026-10-01', channel: 'letter', what: 'Letter at the parents\u2019 house', who: '' });
    expect(older.statusCode).toBe(201);

    const list = await api(env, lc).get(`/api/cases/${id}/logbook`);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.entries.map((e: { occurredOn: string }) => e.occurredOn)).toEqual(['2026-11-22', '2026-11-20', '2026-10-01']);
    expect(body.entries[1]).toMatchObject({ ...entry, recordedByName: lead.name, evidence: [] });
    expect(body.may).toEqual({ record: true, removeEvidence: false });
    expect((await api(env, mc).get(`/api/cases/${id}/logbook`)).json().may).toEqual({ record: true, removeEvidence: true });

    const raw = await env.owner.query<{ details_enc: Buffer; channel: string }>('select details_enc, channel from threat_log_entries where id = $1', [first.json().id]);
    expect(raw.rows[0]!.channel).toBe('phone');
    expect(raw.rows[0]!.details_enc.includes(Buffer.from('sleeps'))).toBe(false);

    const events = await env.owner.query<{ kind: string; data: unknown; text_enc: Buffer | null }>(`select kind, data, text_enc from case_events where case_id = $1 and kind like 'threat.%' order by seq`, [id]);
    expect(events.rows.map((e) => [e.kind, e.data, e.text_enc])).toEqual([
      ['threat.logged', {}, null], ['threat.logged', {}, null], ['threat.logged', {}, null],
    ]);
  });

  it('refuses an unknown channel, an empty text and unknown fields, field by field', async () => {
    const id = await teamCase();
    const res = await api(env, lc).post(`/api/cases/${id}/logbook`, { occurredOn: 'yesterday', channel: 'pigeon', what: '   ', who: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['occurredOn', 'channel', 'what', 'extra']));
    expect((await env.owner.query('select 1 from threat_log_entries where case_id = $1', [id])).rowCount).toBe(0);
  });

  it('refuses a date in the future with its own code', async () => {
    const id = await teamCase();
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const res = await api(env, lc).post(`/api/cases/${id}/logbook`, { ...entry, occurredOn: nextWeek });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'occurredOn', code: 'custom', message: 'date_in_future' })]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api(env, lc).post(`/api/cases/${id}/logbook`, { ...entry, occurredOn: today })).statusCode).toBe(201);
  });

  it('audits every read and write without any field value, and records refusals', async () => {
    const id = await teamCase();
    const created = (await api(env, lc).post(`/api/cases/${id}/logbook`, entry)).json().id as string;
    await api(env, lc).get(`/api/cases/${id}/logbook`);
    const png = await pngWithText('nothing');
    const up = await upload(env, lc, id, created, { bytes: png, filename: 'threat-from-K.png', contentType: 'image/png' });
    expect(up.statusCode).toBe(201);
    await env.app.inject({ method: 'GET', url: `/api/cases/${id}/logbook/evidence/${up.json().id}`, headers: { host: HOST, cookie: lc } });
    await api(env, oc).get(`/api/cases/${id}/logbook`);
    const rows = await env.owner.query<{ action: string; outcome: string; object_type: string; object_id: string; basis: string | null; reason: string | null }>(
      `select action, outcome, object_type, object_id, basis, reason from audit_events where case_id = $1 and action like 'case.logbook.%' order by seq`, [id]);
    expect(rows.rows.map((r) => `${r.action}:${r.outcome}:${r.object_type}:${r.basis}`)).toEqual([
      'case.logbook.record:success:threat_log_entry:team',
      'case.logbook.read:success:case:team',
      'case.logbook.evidence.upload:success:evidence_file:team',
      'case.logbook.evidence.read:success:evidence_file:team',
      'case.logbook.read:denied:case:null',
    ]);
    const all = JSON.stringify((await env.owner.query('select * from audit_events where case_id = $1', [id])).rows);
    for (const secret of ['sleeps', 'comrade', 'threat-from-K', 'phone']) expect(all).not.toContain(secret);
  });
});

describe('who sees the logbook', () => {
  it('hides it from a non-member (404 like a missing case), refuses an emergency reader (403) and finance by permission (403)', async () => {
    const id = await teamCase('Logbook Glass');
    const entryId = (await api(env, lc).post(`/api/cases/${id}/logbook`, entry)).json().id as string;
    const fileId = (await upload(env, lc, id, entryId, { bytes: await pngWithText('x'), filename: 'a.png', contentType: 'image/png' })).json().id as string;
    const urls = { list: `/api/cases/${id}/logbook`, file: `/api/cases/${id}/logbook/evidence/${fileId}` };

    for (const cookie of [oc, sc]) {
      expect((await api(env, cookie).get(urls.list)).statusCode).toBe(404);
      expect((await api(env, cookie).get(urls.file)).statusCode).toBe(404);
      expect((await api(env, cookie).post(urls.list, entry)).statusCode).toBe(404);
      expect((await upload(env, cookie, id, entryId, { bytes: await pngWithText('x'), filename: 'b.png', contentType: 'image/png' })).statusCode).toBe(404);
    }
    // Access is decided before the file is looked at: a bad file for a case one may not see is a 404
    // (not a type error, which would mean it was decoded), and the attempt is on record.
    const junk = await upload(env, oc, id, entryId, { bytes: Buffer.from('<html>not an image</html>'), filename: 'c.jpg', contentType: 'image/jpeg' });
    expect(junk.statusCode).toBe(404);
    const attempts = await env.owner.query(`select count(*)::int as n from audit_events where case_id = $1 and action = 'case.logbook.evidence.upload' and outcome = 'denied' and actor_id = $2`, [id, outsider.id]);
    expect(attempts.rows[0].n).toBe(2);
    // The same 404 as for a case that does not exist.
    const missing = await api(env, oc).get('/api/cases/00000000-0000-4000-8000-000000000000/logbook');
    expect(missing.json().error.code).toBe((await api(env, oc).get(urls.list)).json().error.code);

    // The security officer breaks the glass: the case opens, the logbook does not.
    expect((await api(env, sc).post('/api/break-glass', { codename: 'logbook glass', reason: 'Client called the emergency line, lead unreachable', hours: 1 })).statusCode).toBe(201);
    expect((await api(env, sc).get(`/api/cases/${id}`)).statusCode).toBe(200);
    const refused = await api(env, sc).get(urls.list);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('sleeps');
    expect((await api(env, sc).get(urls.file)).statusCode).toBe(403);
    expect((await api(env, sc).post(urls.list, entry)).statusCode).toBe(403);
    expect((await upload(env, sc, id, entryId, { bytes: await pngWithText('x'), filename: 'b.png', contentType: 'image/png' })).statusCode).toBe(403);
    const denied = await env.owner.query(`select basis from audit_events where case_id = $1 and action = 'case.logbook.read' and outcome = 'denied' and actor_id = $2`, [id, officer.id]);
    expect(denied.rows.map((r) => r.basis)).toEqual([null, 'break_glass']);

    for (const res of [await api(env, fc).get(urls.list), await api(env, fc).get(urls.file), await api(env, fc).post(urls.list, entry)]) {
      expect(res.statusCode).toBe(403);
    }
    // The team member on the case (a security officer) sees it; the manager too.
    expect((await api(env, memc).get(urls.list)).json().entries).toHaveLength(1);
    expect((await api(env, mc).get(urls.list)).json().entries).toHaveLength(1);
  });

  it('stays readable but takes no new entries or files once the case is closed', async () => {
    const id = await teamCase();
    const entryId = (await api(env, lc).post(`/api/cases/${id}/logbook`, entry)).json().id as string;
    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    expect((await api(env, mc).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'completed', text: 'Goals reached', expectedVersion: version })).statusCode).toBe(200);
    const list = await api(env, lc).get(`/api/cases/${id}/logbook`);
    expect(list.json()).toMatchObject({ entries: [{ id: entryId }], may: { record: false, removeEvidence: false } });
    expect((await api(env, lc).post(`/api/cases/${id}/logbook`, entry)).statusCode).toBe(403);
    expect((await api(env, mc).post(`/api/cases/${id}/logbook`, entry)).statusCode).toBe(403);
    expect((await upload(env, mc, id, entryId, { bytes: await pngWithText('x'), filename: 'b.png', contentType: 'image/png' })).statusCode).toBe(403);
  });

  it('takes files only for an entry of the same case', async () => {
    const a = await teamCase();
    const b = await teamCase();
    const entryOfB = (await api(env, lc).post(`/api/cases/${b}/logbook`, entry)).json().id as string;
    const res = await upload(env, lc, a, entryOfB, { bytes: await pngWithText('x'), filename: 'b.png', contentType: 'image/png' });
    expect(res.statusCode).toBe(404);
    expect((await env.owner.query('select 1 from evidence_files where entry_id = $1', [entryOfB])).rowCount).toBe(0);
  });
});

describe('removing evidence', () => {
  it('is for managers only; the file is gone afterwards and the entry stays', async () => {
    const id = await teamCase();
    const entryId = (await api(env, lc).post(`/api/cases/${id}/logbook`, entry)).json().id as string;
    const fileId = (await upload(env, lc, id, entryId, { bytes: await pngWithText('x'), filename: 'wrong photo.png', contentType: 'image/png' })).json().id as string;
    const url = `/api/cases/${id}/logbook/evidence/${fileId}`;
    expect((await del(lc, url)).statusCode).toBe(403);
    expect((await del(oc, url)).statusCode).toBe(404);
    expect((await del(mc, url)).statusCode).toBe(204);
    expect((await api(env, lc).get(url)).statusCode).toBe(404);
    expect((await del(mc, url)).statusCode).toBe(404);
    expect((await api(env, lc).get(`/api/cases/${id}/logbook`)).json().entries).toMatchObject([{ id: entryId, evidence: [] }]);
    const audit = await env.owner.query(`select outcome from audit_events where case_id = $1 and action = 'case.logbook.evidence.remove' order by seq`, [id]);
    expect(audit.rows.map((r) => r.outcome)).toEqual(['denied', 'denied', 'success']);
  });
});
