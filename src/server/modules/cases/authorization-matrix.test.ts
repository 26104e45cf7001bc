import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/staff.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, testReferral, type TestStaff } from '../../testing/factories.ts';

/**
 * Role × team membership × identity access × break-glass × action, over the
 * real routes. The expectations are written out by hand from the rules as
 * stated in the issue, not computed from the policy code, so a policy change
 * that breaks a rule fails here.
 */
type Who = 'manager' | 'lead' | 'memberWithIdentity' | 'member' | 'breakGlass' | 'outsider' | 'administrator' | 'finance' | 'spokesperson';
const who: Who[] = ['manager', 'lead', 'memberWithIdentity', 'member', 'breakGlass', 'outsider', 'administrator', 'finance', 'spokesperson'];
const roleOf: Record<Who, Role> = {
  manager: 'manager', lead: 'exit_worker', memberWithIdentity: 'exit_worker', member: 'security_officer', breakGlass: 'exit_worker',
  outsider: 'exit_worker', administrator: 'administrator', finance: 'finance', spokesperson: 'spokesperson',
};

type Action = 'readCase' | 'readNotes' | 'timeline' | 'teamNote' | 'restrictedNote' | 'editIntake' | 'startIntake' | 'accept' | 'setTeam' | 'revealIdentity' | 'writeIdentity' | 'accessLog' | 'whoKnows' | 'readConduct' | 'recordIncident' | 'warn';
const NO = 403;
const GONE = 404;
//                          manager lead  memberId member breakGl outsider admin finance spokes
const expected: Record<Action, number[]> = {
  readCase: /*          */ [200, 200, 200, 200, 200, GONE, NO, NO, NO],
  readNotes: /*         */ [200, 200, 200, 200, 200, GONE, NO, NO, NO],
  timeline: /*          */ [200, 200, 200, 200, 200, GONE, NO, NO, NO],
  teamNote: /*          */ [201, 201, 201, 201, 201, GONE, NO, NO, NO],
  restrictedNote: /*    */ [201, 201, NO, NO, NO, GONE, NO, NO, NO],
  editIntake: /*        */ [200, 200, 200, 200, NO, GONE, NO, NO, NO],
  startIntake: /*       */ [200, 200, NO, NO, NO, GONE, NO, NO, NO],
  // From "referral" a manager gets the state conflict; nobody else may accept at all.
  accept: /*            */ [409, NO, NO, NO, NO, GONE, NO, NO, NO],
  setTeam: /*           */ [200, NO, NO, NO, NO, NO, NO, NO, NO],
  revealIdentity: /*    */ [200, NO, 200, NO, NO, GONE, NO, NO, NO],
  writeIdentity: /*     */ [200, NO, 200, NO, NO, GONE, NO, NO, NO],
  accessLog: /*         */ [200, NO, NO, NO, NO, NO, NO, NO, NO],
  whoKnows: /*          */ [200, NO, NO, NO, NO, NO, NO, NO, NO],
  readConduct: /*       */ [200, 200, 200, 200, 200, GONE, NO, NO, NO],
  recordIncident: /*    */ [201, 201, 201, 201, NO, GONE, NO, NO, NO],
  warn: /*              */ [200, NO, NO, NO, NO, GONE, NO, NO, NO],
};

let env: TestEnv;
const people = {} as Record<Who, TestStaff>;
const cookies = {} as Record<Who, string>;

beforeAll(async () => {
  env = await createTestEnv();
  for (const w of who) people[w] = await makeStaff(env, { role: roleOf[w] });
  for (const w of who) cookies[w] = await sessionFor(env, people[w]);
});
afterAll(() => env.close());

async function freshCase(): Promise<string> {
  const id = await makeCase(env, cookies.manager, { team: [
    { staffId: people.lead.id, role: 'lead', identityAccess: false },
    { staffId: people.memberWithIdentity.id, role: 'member', identityAccess: true },
    { staffId: people.member.id, role: 'member', identityAccess: false },
  ] });
  await env.owner.query(`insert into break_glass_grants (id, case_id, staff_id, reason_enc, expires_at) values ($1, $2, $3, '\\x00', now() + interval '1 hour')`, [randomUUID(), id, people.breakGlass.id]);
  return id;
}

const identity = { legalName: 'Test Person', aliases: [], dateOfBirth: null, addresses: [], phones: [], idDocuments: [] };

async function attempt(action: Action, w: Who, id: string): Promise<number> {
  const a = api(env, cookies[w]);
  const version = async () => ((await api(env, cookies.manager).get(`/api/cases/${id}`)).json().version as number | undefined) ?? 1;
  switch (action) {
    case 'readCase': return (await a.get(`/api/cases/${id}`)).statusCode;
    case 'readNotes': return (await a.get(`/api/cases/${id}/notes`)).statusCode;
    case 'timeline': return (await a.get(`/api/cases/${id}/timeline`)).statusCode;
    case 'teamNote': return (await a.post(`/api/cases/${id}/notes`, { text: 'note', level: 'team' })).statusCode;
    case 'restrictedNote': return (await a.post(`/api/cases/${id}/notes`, { text: 'note', level: 'restricted' })).statusCode;
    case 'editIntake': return (await a.put(`/api/cases/${id}/intake`, { referral: testReferral, facts: { narrative: null, age: 30, organisationType: null, militant: null, position: null }, expectedVersion: await version() })).statusCode;
    case 'startIntake': return (await a.post(`/api/cases/${id}/transition`, { to: 'intake', expectedVersion: await version() })).statusCode;
    case 'accept': return (await a.post(`/api/cases/${id}/transition`, { to: 'active', expectedVersion: await version() })).statusCode;
    case 'setTeam': return (await a.put(`/api/cases/${id}/team`, { members: [{ staffId: people.lead.id, role: 'lead', identityAccess: false }], expectedVersion: await version() })).statusCode;
    case 'revealIdentity': return (await a.post(`/api/cases/${id}/identity/reveal`, { reason: 'matrix test' })).statusCode;
    case 'writeIdentity': return (await a.put(`/api/cases/${id}/identity`, { identity, expectedVersion: 0 })).statusCode;
    case 'accessLog': return (await a.get(`/api/cases/${id}/access-log`)).statusCode;
    case 'whoKnows': return (await a.get(`/api/cases/${id}/who-knows`)).statusCode;
    case 'readConduct': return (await a.get(`/api/cases/${id}/conduct`)).statusCode;
    case 'recordIncident': return (await a.post(`/api/cases/${id}/conduct/incidents`, { occurredOn: '2026-11-01', kind: 'rule_violation', severity: 'low', description: 'late again', actionsTaken: '', expectedVersion: await version() })).statusCode;
    case 'warn': return (await a.post(`/api/cases/${id}/conduct/decision`, { decision: 'warning', reasons: 'matrix test', expectedVersion: await version() })).statusCode;
  }
}

const mutating = new Set<Action>(['editIntake', 'startIntake', 'setTeam', 'writeIdentity', 'recordIncident', 'warn']);

describe('authorization matrix over the real routes', () => {
  it('answers every (person, action) pair as the rules say', async () => {
    const shared = await freshCase();
    const got: Record<string, number[]> = {};
    for (const action of Object.keys(expected) as Action[]) {
      got[action] = [];
      for (const w of who) got[action].push(await attempt(action, w, mutating.has(action) ? await freshCase() : shared));
    }
    expect(got).toEqual(expected);
  });

  it('states on the case page exactly what the routes then allow (the page never re-derives a rule)', async () => {
    const flagFor: Partial<Record<Action, string>> = { editIntake: 'editIntake', setTeam: 'setTeam', revealIdentity: 'revealIdentity', writeIdentity: 'writeIdentity',
      teamNote: 'writeNote', accessLog: 'readAccessLog', recordIncident: 'recordIncident', warn: 'decideConduct' };
    const id = await freshCase();
    for (const [i, w] of who.entries()) {
      const res = await api(env, cookies[w]).get(`/api/cases/${id}`);
      if (res.statusCode !== 200) continue;
      const may = res.json().may as Record<string, boolean>;
      for (const [action, flag] of Object.entries(flagFor)) {
        const allowed = expected[action as Action][i]! < 300;
        expect([w, flag, may[flag]]).toEqual([w, flag, allowed]);
      }
      // The agreement is recorded from intake on: in "referral" nobody may yet.
      expect([w, 'recordAgreement', may.recordAgreement]).toEqual([w, 'recordAgreement', false]);
    }
  });

  it('answers out-of-scope exactly like a case that does not exist, for every action', async () => {
    const id = await freshCase();
    const missing = randomUUID();
    for (const action of ['readCase', 'readNotes', 'timeline', 'teamNote', 'editIntake', 'revealIdentity'] as Action[]) {
      const [real, none] = [await attempt(action, 'outsider', id), await attempt(action, 'outsider', missing)];
      expect([action, real]).toEqual([action, none]);
    }
  });
});
