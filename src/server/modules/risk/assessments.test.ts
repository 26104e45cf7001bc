import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../contracts/risk-assessment.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';
import { certify, importAs, smallInstrument } from './test-helpers.ts';

let env: TestEnv;
let manager: TestStaff;
let lead: TestStaff;
let mc: string;
let lc: string;
let shipped: string;
let today: string;
beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  lead = await makeStaff(env, { role: 'exit_worker' });
  [mc, lc] = await Promise.all([sessionFor(env, manager), sessionFor(env, lead)]);
  shipped = (await api(env, lc).get('/api/risk/instruments')).json().instruments.find((i: { builtin: boolean }) => i.builtin).id;
  today = (await env.owner.query<{ d: string }>('select current_date::text as d')).rows[0]!.d;
});
afterAll(() => env.close());

const path = (caseId: string, id?: string, more?: string) => `/api/cases/${caseId}/risk/assessments${id ? `/${id}` : ''}${more ? `/${more}` : ''}`;
const judgement = { riskLevel: 'high', scenarios: 'Group members wait for him near the job centre.', whatWouldChange: 'A move out of the town.' };

describe('an assessment from draft to signed', () => {
  it('starts once per instrument, keeps a half-way draft, signs with missing information listed, then never changes', async () => {
    const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }] });
    const started = await api(env, lc).post(path(id), { instrumentId: shipped });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ number: 1, created: true });
    const again = await api(env, lc).post(path(id), { instrumentId: shipped });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: started.json().id, number: 1, created: false });
    const aid = started.json().id as string;

    const fresh = (await api(env, lc).get(path(id, aid))).json();
    expect(fresh).toMatchObject({ status: 'draft', revision: 1, ratings: {}, judgement: null, may: { edit: true, sign: true }, review: { today, latest: addDays(today, 90), earliest: addDays(today, 1) } });
    expect(fresh.missing).toHaveLength(25);

    const ratings = {
      G1: { scale: '2', evidenceFor: 'Message from the group leader on 3 May', evidenceAgainst: '', source: 'Client, screenshot seen' },
      G2: { scale: 'X', evidenceFor: '', evidenceAgainst: '', source: '' },
      G3: { scale: '1' },
      P1: { scale: '2', evidenceFor: 'Apprenticeship since March' },
    };
    const saved = await api(env, lc).put(path(id, aid), { revision: 1, ratings, judgement: { riskLevel: 'moderate', scenarios: 'First thoughts' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(2);
    const stale = await api(env, mc).put(path(id, aid), { revision: 1, ratings: {} });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('assessment_changed');

    const draft = (await api(env, lc).get(path(id, aid))).json();
    expect(draft.ratings.G1).toEqual({ scale: '2', evidenceFor: 'Message from the group leader on 3 May', evidenceAgainst: '', source: 'Client, screenshot seen' });
    expect(draft.judgement).toEqual({ riskLevel: 'moderate', scenarios: 'First thoughts', whatWouldChange: '', nextReviewOn: null });
    // "Insufficient information" counts as missing, and it is left out of the domain's score: (2 + 1) / 2.
    expect(draft.missing).toContainEqual({ domainCode: 'G', itemCode: 'G2', reason: 'insufficient_information' });
    expect(draft.missing).toHaveLength(22);
    expect(draft.scores).toMatchObject({ G: 1.5, P: 2, V: null });
    const raw = await env.owner.query('select ratings_enc, judgement_enc from risk_assessments where id = $1', [aid]);
    expect(Buffer.from(raw.rows[0].ratings_enc).includes(Buffer.from('group leader'))).toBe(false);
    expect(Buffer.from(raw.rows[0].judgement_enc).includes(Buffer.from('First thoughts'))).toBe(false);

    const unknown = await api(env, lc).put(path(id, aid), { revision: 2, ratings: { ...ratings, Z9: { scale: '1' }, V1: { scale: '7' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`).sort()).toEqual(['ratings.V1.scale unknown_scale_option', 'ratings.Z9 unknown_item']);

    const sign = (body: object) => api(env, lc).post(path(id, aid, 'sign'), { revision: 2, ratings, ...body });
    for (const late of [addDays(today, 91), today]) {
      const res = await sign({ judgement: { ...judgement, nextReviewOn: late } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'judgement.nextReviewOn', code: 'next_review_out_of_range', params: { earliest: addDays(today, 1), latest: addDays(today, 90) } });
    }
    expect((await sign({ judgement: { ...judgement, scenarios: '' } })).statusCode).toBe(400);
    const signed = await sign({ judgement });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toEqual({ number: 1, revision: 3, nextReviewOn: addDays(today, 90) });

    const done = (await api(env, mc).get(path(id, aid))).json();
    expect(done).toMatchObject({ status: 'signed', riskLevel: 'high', nextReviewOn: addDays(today, 90), signedByName: lead.name, may: { edit: false, sign: false } });
    expect(done.judgement).toEqual({ ...judgement, nextReviewOn: addDays(today, 90) });
    expect(done.missing).toHaveLength(22);
    expect((await api(env, lc).put(path(id, aid), { revision: 3, ratings: {} })).json().error.code).toBe('assessment_signed');
    expect((await api(env, lc).post(path(id, aid, 'sign'), { revision: 3, ratings, judgement })).statusCode).toBe(409);

    // The next assessment is the next number; its review may be earlier than the interval.
    const second = await api(env, mc).post(path(id), { instrumentId: shipped });
    expect(second.json()).toMatchObject({ number: 2, created: true });
    const early = await api(env, mc).post(path(id, second.json().id, 'sign'), { revision: 1, ratings: { G1: { scale: '0' }, P1: { scale: '2' }, P2: { scale: '1' } }, judgement: { ...judgement, riskLevel: 'low', nextReviewOn: addDays(today, 10) } });
    expect(early.json()).toMatchObject({ number: 2, nextReviewOn: addDays(today, 10) });

    const list = (await api(env, lc).get(path(id))).json().assessments;
    expect(list.map((a: { number: number; status: string; riskLevel: string }) => [a.number, a.status, a.riskLevel])).toEqual([[2, 'signed', 'low'], [1, 'signed', 'high']]);
    expect(list[0].instrument).toMatchObject({ key: 'exitdesk-exit-risk-screening', version: '1.0' });

    const chart = (await api(env, lc).get(`/api/cases/${id}/risk/chart`)).json().charts;
    expect(chart).toHaveLength(1);
    expect(chart[0].scale).toEqual({ min: 0, max: 2 });
    expect(chart[0].domains.map((d: { code: string; kind: string }) => `${d.code}:${d.kind}`)).toEqual(['G:risk', 'V:risk', 'K:risk', 'P:protective', 'M:motivational']);
    expect(chart[0].points.map((p: { number: number; scores: Record<string, number | null> }) => [p.number, p.scores.G, p.scores.P])).toEqual([[1, 1.5, 2], [2, 0, 1.5]]);

    const timeline = await env.owner.query(`select kind, data from case_events where case_id = $1 and kind like 'risk.%' order by seq`, [id]);
    expect(timeline.rows).toEqual([
      { kind: 'risk.assessment.started', data: { number: 1 } }, { kind: 'risk.assessment.signed', data: { number: 1 } },
      { kind: 'risk.assessment.started', data: { number: 2 } }, { kind: 'risk.assessment.signed', data: { number: 2 } },
    ]);
    // Every read and write is recorded, with who, what and when, never a value.
    const audit = await env.owner.query(`select action, outcome, object_type, object_id, reason, basis from audit_events where case_id = $1 and action like 'risk.%' order by seq`, [id]);
    const actions = audit.rows.map((r) => `${r.action}:${r.outcome}`);
    expect(actions.slice(0, 4)).toEqual(['risk.assessment.start:success', 'risk.assessment.start:success', 'risk.assessment.read:success', 'risk.assessment.save:success']);
    expect(actions).toEqual(expect.arrayContaining(['risk.assessment.sign:success', 'risk.assessment.list:success', 'risk.chart.read:success']));
    const dump = JSON.stringify(audit.rows);
    for (const secret of ['group leader', 'job centre', 'Apprenticeship', 'high', 'First thoughts']) expect(dump).not.toContain(secret);
    expect(audit.rows.filter((r) => r.action === 'risk.assessment.save').every((r) => r.object_type === 'risk_assessment' && r.object_id === aid)).toBe(true);
  });

  it('refuses to start with an instrument that is not loaded, and refuses drafts on a closed case', async () => {
    const id = await makeCase(env, mc, { team: [{ staffId: lead.id, role: 'lead' }] });
    const res = await api(env, lc).post(path(id), { instrumentId: '00000000-0000-4000-8000-000000000001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'instrumentId', code: 'instrument_unknown' });
    const aid = (await api(env, lc).post(path(id), { instrumentId: shipped })).json().id;
    const version = (await api(env, mc).get(`/api/cases/${id}`)).json().version;
    expect((await api(env, mc).post(`/api/cases/${id}/transition`, { to: 'closed', closureReason: 'no_contact', text: 'Gone', expectedVersion: version })).statusCode).toBe(200);
    expect((await api(env, lc).put(path(id, aid), { revision: 1, ratings: {} })).statusCode).toBe(403);
    expect((await api(env, lc).post(path(id), { instrumentId: shipped })).statusCode).toBe(403);
    // Still readable: the record of what was assessed stays.
    expect((await api(env, lc).get(path(id, aid))).json()).toMatchObject({ status: 'draft', may: { edit: false, sign: false } });
  });
});

describe('certification', () => {
  it('only a currently certified assessor signs an instrument that asks for it — managers included', async () => {
    const certified = await makeStaff(env, { role: 'exit_worker' });
    const lapsed = await makeStaff(env, { role: 'exit_worker' });
    const [cc, xc] = await Promise.all([sessionFor(env, certified), sessionFor(env, lapsed)]);
    const instrumentId = await importAs(env, mc, smallInstrument((f) => { f.requiresCertification = true; f.certificationName = 'Licensed Tool assessor'; }));
    await certify(env, certified.id, 'licensed tool ASSESSOR', addDays(today, -300), addDays(today, 10));
    await certify(env, lapsed.id, 'Licensed Tool assessor', addDays(today, -800), addDays(today, -1));
    const id = await makeCase(env, mc, { team: [{ staffId: certified.id, role: 'lead' }, { staffId: lapsed.id, role: 'member' }] });
    const aid = (await api(env, mc).post(path(id), { instrumentId })).json().id;
    const body = (revision: number) => ({ revision, ratings: { T1: { scale: 'H' } }, judgement: { riskLevel: 'moderate', scenarios: 'x', whatWouldChange: 'y' } });

    expect((await api(env, mc).get(path(id, aid))).json()).toMatchObject({ certification: { required: true, name: 'Licensed Tool assessor', held: false }, may: { edit: true, sign: false } });
    for (const cookie of [mc, xc]) {
      const refused = await api(env, cookie).post(path(id, aid, 'sign'), body(1));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'certification_required', fields: [{ params: { name: 'Licensed Tool assessor' } }] });
    }
    // Drafting needs no certification.
    expect((await api(env, xc).put(path(id, aid), body(1))).statusCode).toBe(200);
    expect((await api(env, cc).get(path(id, aid))).json()).toMatchObject({ certification: { held: true }, may: { sign: true } });
    const ok = await api(env, cc).post(path(id, aid, 'sign'), body(2));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().nextReviewOn).toBe(addDays(today, 30));
    const denied = await env.owner.query(`select actor_id, reason from audit_events where case_id = $1 and action = 'risk.assessment.sign' and outcome = 'denied' order by seq`, [id]);
    expect(denied.rows).toEqual([{ actor_id: manager.id, reason: 'certification required' }, { actor_id: lapsed.id, reason: 'certification required' }]);
  });
});
