import { randomBytes } from 'node:crypto';
import type { ProgrammeProfile } from '../../contracts/programmes.ts';
import type { Role } from '../../contracts/staff.ts';
import { startSession } from '../platform/auth/sessions.ts';
import { totpCode } from '../platform/auth/totp.ts';
import { createStaff } from '../modules/staff/commands/create-staff.ts';
import type { TestEnv } from './harness.ts';
import { openReason, reasonRef } from '../platform/audit/reasons.ts';

export const ORIGIN = 'http://127.0.0.1:3000';
export const HOST = '127.0.0.1:3000';

export type TestStaff = { id: string; email: string; password: string; role: Role; totpSecret: string; name: string };

let counter = 0;

export async function makeStaff(env: TestEnv, opts: { role: Role; name?: string; password?: string }): Promise<TestStaff> {
  counter++;
  const email = `person${counter}-${randomBytes(3).toString('hex')}@example.test`;
  const password = opts.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const name = opts.name ?? `Test ${opts.role} ${counter}`;
  const created = await createStaff({ db: env.ctx.db, keyring: env.ctx.keyring, audit: { actor: null, requestId: 'test' }, input: { email, name, role: opts.role, password }, withTotp: true });
  const totpSecret = new URL(created.totpUri!).searchParams.get('secret')!;
  return { id: created.id, email, password, role: opts.role, totpSecret, name };
}

/** A signed-in session without going through the sign-in flow (that flow has its own tests). */
export async function sessionFor(env: TestEnv, person: { id: string }): Promise<string> {
  const token = await startSession(env.ctx.db, { staffId: person.id, stage: 'active', mfaAt: new Date() });
  return `${env.ctx.cookie.name}=${token}`;
}

export function cookieFrom(res: { headers: Record<string, unknown> }): string | undefined {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? set : set ? [String(set)] : [];
  const mine = list.find((c: string) => c.includes('exitdesk'));
  return mine?.split(';')[0];
}

/** The real two-step sign-in through the API. `at` picks the TOTP time (avoids the one-use-per-step rule in tests). */
export async function signIn(env: TestEnv, person: TestStaff, at = Date.now()): Promise<string> {
  const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: ORIGIN, host: HOST }, payload: { email: person.email, password: person.password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const mfa = await env.app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { origin: ORIGIN, host: HOST, cookie: cookieFrom(login)! }, payload: { code: totpCode(person.totpSecret, at) } });
  if (mfa.statusCode !== 200) throw new Error(`mfa failed: ${mfa.statusCode} ${mfa.body}`);
  return cookieFrom(mfa)!;
}

/** Small request helper with the Origin header scripts are asked to send. */
export function api(env: TestEnv, cookie?: string) {
  const headers = { origin: ORIGIN, host: HOST, ...(cookie ? { cookie } : {}) };
  return {
    get: (url: string) => env.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: unknown) => env.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
    put: (url: string, payload: unknown) => env.app.inject({ method: 'PUT', url, headers, payload: payload as object }),
  };
}

export const testProfile: ProgrammeProfile = {
  targetGroup: { narratives: ['right_wing_extremist', 'jihadist'], ageMin: 16, ageMax: 40, organisationTypes: [], militancy: 'both', positions: 'both' },
  goal: 'disengagement',
  goalExplanation: 'Leaving the group and its violence behind.',
  accessRoutes: ['self', 'family_friends', 'probation'],
  transparencyStatement: 'We share with the police only with consent or in an acute danger.',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
};

export async function makeProgramme(env: TestEnv, managerCookie: string, opts: { name?: string; profile?: ProgrammeProfile } = {}): Promise<string> {
  const res = await api(env, managerCookie).post('/api/programmes', { name: opts.name ?? `Programme ${randomBytes(3).toString('hex')}`, profile: opts.profile ?? testProfile });
  if (res.statusCode !== 201) throw new Error(`create programme failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

const programmeOf = new WeakMap<TestEnv, Promise<string>>();

export const testReferral = { route: 'self', referrer: 'A friend of the family', referredOn: '2026-11-02', firstInformation: 'Wants out, afraid of the group.' } as const;

/** A case (state "referral") in the env's default programme, optionally with a team. */
export async function makeCase(env: TestEnv, managerCookie: string, opts: { codename?: string; programmeId?: string; team?: { staffId: string; role: 'lead' | 'member'; identityAccess?: boolean }[] } = {}): Promise<string> {
  let programmeId = opts.programmeId;
  if (!programmeId) {
    if (!programmeOf.has(env)) programmeOf.set(env, makeProgramme(env, managerCookie));
    programmeId = await programmeOf.get(env)!;
  }
  const res = await api(env, managerCookie).post('/api/cases', { codename: opts.codename ?? `Case ${randomBytes(4).toString('hex')}`, programmeId, referral: testReferral });
  if (res.statusCode !== 201) throw new Error(`create case failed: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  if (opts.team) {
    const t = await putTeam(env, managerCookie, id, opts.team.map((m) => ({ identityAccess: false, ...m })));
    if (t.statusCode !== 200) throw new Error(`set team failed: ${t.statusCode} ${t.body}`);
  }
  return id;
}

/** Runs the case through discussion, screening and acceptance (inside the target group). Returns the new version. */
export async function activateCase(env: TestEnv, managerCookie: string, id: string): Promise<number> {
  const a = api(env, managerCookie);
  const version = async () => (await a.get(`/api/cases/${id}`)).json<{ version: number }>().version;
  const must = (res: { statusCode: number; body: string }, what: string) => { if (res.statusCode !== 200) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`); };
  must(await a.put(`/api/cases/${id}/intake`, { referral: testReferral, facts: { narrative: 'jihadist', age: 22, organisationType: null, militant: null, position: null }, expectedVersion: await version() }), 'intake');
  must(await a.post(`/api/cases/${id}/transition`, { to: 'intake', expectedVersion: await version() }), 'start intake');
  must(await a.post(`/api/cases/${id}/discussion`, { heldOn: '2026-11-10', participants: 'Manager, lead worker', decision: 'accept', reasons: 'Inside the target group, motivated.', expectedVersion: await version() }), 'discussion');
  must(await a.post(`/api/cases/${id}/screening`, { riskToStaff: 'low', threatFromGroup: 'moderate', immediateProtectionNeeded: false, notes: 'No acute threat.', expectedVersion: await version() }), 'screening');
  const res = await a.post(`/api/cases/${id}/transition`, { to: 'active', expectedVersion: await version() });
  must(res, 'accept');
  return res.json<{ version: number }>().version;
}

/** PUT the team at the case's current version (read by the manager), sent as `asCookie` (default: the manager). */
export async function putTeam(env: TestEnv, managerCookie: string, caseId: string, members: { staffId: string; role: 'lead' | 'member'; identityAccess?: boolean }[], asCookie = managerCookie) {
  const current = await api(env, managerCookie).get(`/api/cases/${caseId}`);
  const expectedVersion = current.statusCode === 200 ? current.json<{ version: number }>().version : 0;
  return api(env, asCookie).put(`/api/cases/${caseId}/team`, { members, expectedVersion });
}

/**
 * The text behind an audit entry's reason: a person's free text is stored encrypted and the entry
 * holds `ref:<id>` (asserted here, so a test reading reasons also shows the log keeps no text).
 */
export async function auditReasonText(env: TestEnv, reason: string | null): Promise<string | null> {
  const ref = reasonRef(reason);
  if (!ref) throw new Error(`audit reason is not a reference to encrypted text: ${reason}`);
  const row = await env.owner.query<{ reason_enc: Buffer }>('select reason_enc from audit_reasons where id = $1', [ref.id]);
  return openReason(env.ctx.keyring, reason, row.rows[0]?.reason_enc ?? null);
}
