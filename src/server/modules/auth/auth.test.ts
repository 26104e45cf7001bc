import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../platform/auth/totp.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { HOST, ORIGIN, api, auditReasonText, cookieFrom, makeStaff, sessionFor, signIn } from '../../testing/factories.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(() => env.close());

let ipCounter = 0;
/** Each test signs in from its own address, so the per-IP throttle of one test does not spill into the next. */
let remoteAddress = '10.0.0.1';
beforeEach(() => { ipCounter++; remoteAddress = `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250 + 1}`; });

const post = (url: string, payload: object, cookie?: string) =>
  env.app.inject({ method: 'POST', url, remoteAddress, headers: { origin: ORIGIN, host: HOST, ...(cookie ? { cookie } : {}) }, payload });

describe('sign-in', () => {
  it('needs password then code, and rotates the session id at each step', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const login = await post('/api/auth/login', { email: p.email, password: p.password });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({ next: 'mfa' });
    const half = cookieFrom(login)!;
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    // A half-signed-in session reaches nothing protected.
    expect((await api(env, half).get('/api/auth/me')).statusCode).toBe(401);
    const mfa = await post('/api/auth/mfa', { code: totpCode(p.totpSecret) }, half);
    expect(mfa.statusCode).toBe(200);
    const full = cookieFrom(mfa)!;
    expect(full).not.toEqual(half);
    expect((await api(env, full).get('/api/auth/me')).json().id).toBe(p.id);
    expect((await api(env, half).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const wrong = await post('/api/auth/login', { email: p.email, password: 'not the password at all' });
    const unknown = await post('/api/auth/login', { email: 'nobody-here@example.test', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles an account after repeated failures, the same way whether or not it exists', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    for (let i = 0; i < 10; i++) await post('/api/auth/login', { email: p.email, password: `wrong password ${i}` });
    const blocked = await post('/api/auth/login', { email: p.email, password: p.password });
    expect(blocked.statusCode).toBe(429);
    for (let i = 0; i < 10; i++) await post('/api/auth/login', { email: 'ghost@example.test', password: `wrong password ${i}` });
    const ghost = await post('/api/auth/login', { email: 'ghost@example.test', password: 'anything at all' });
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json().error.code).toBe(blocked.json().error.code);
  });

  it('counts parallel guesses before checking them, so a burst cannot get past the limit', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => post('/api/auth/login', { email: p.email, password: `burst guess ${i}` })));
    const checked = burst.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(30);
  });

  it('refuses a TOTP code used twice', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const now = Date.now();
    await signIn(env, p, now);
    const again = cookieFrom(await post('/api/auth/login', { email: p.email, password: p.password }))!;
    const replay = await post('/api/auth/mfa', { code: totpCode(p.totpSecret, now) }, again);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('mfa_code_used');
  });

  it('enrols MFA at first sign-in and issues one-time recovery codes', async () => {
    const manager = await makeStaff(env, { role: 'manager' });
    const mc = await sessionFor(env, manager);
    const created = await api(env, mc).post('/api/staff', { email: 'new.person@example.test', name: 'New Person', role: 'exit_worker', password: 'a long enough password' });
    expect(created.statusCode).toBe(201);
    const login = await post('/api/auth/login', { email: 'new.person@example.test', password: 'a long enough password' });
    expect(login.json()).toEqual({ next: 'enrol' });
    const half = cookieFrom(login)!;
    const enrol = await api(env, half).get('/api/auth/mfa/enrolment');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json();
    expect(otpauthUri).toContain('otpauth://totp/');
    const bad = await post('/api/auth/mfa', { code: '000000' }, half);
    expect(bad.statusCode).toBe(401);
    const ok = await post('/api/auth/mfa', { code: totpCode(secret) }, half);
    expect(ok.statusCode).toBe(200);
    const codes = ok.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    // Next sign-in with a recovery code works once.
    const c2 = cookieFrom(await post('/api/auth/login', { email: 'new.person@example.test', password: 'a long enough password' }))!;
    expect((await post('/api/auth/mfa', { recoveryCode: codes[0]! }, c2)).statusCode).toBe(200);
    const c3 = cookieFrom(await post('/api/auth/login', { email: 'new.person@example.test', password: 'a long enough password' }))!;
    expect((await post('/api/auth/mfa', { recoveryCode: codes[0]! }, c3)).statusCode).toBe(401);
  });

  it('enforces password length 12..128 without composition rules', async () => {
    const manager = await makeStaff(env, { role: 'manager' });
    const mc = await sessionFor(env, manager);
    const short = await api(env, mc).post('/api/staff', { email: 'short@example.test', name: 'S', role: 'finance', password: 'elevenchars' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0]).toMatchObject({ path: 'password', code: 'too_small', params: { minimum: 12 } });
    const plain = await api(env, mc).post('/api/staff', { email: 'plain@example.test', name: 'P', role: 'finance', password: 'all lower case words' });
    expect(plain.statusCode).toBe(201);
    const long = await api(env, mc).post('/api/staff', { email: 'long@example.test', name: 'L', role: 'finance', password: 'x'.repeat(129) });
    expect(long.statusCode).toBe(400);
    const stored = await env.owner.query(`select password_hash from staff where email = 'plain@example.test'`);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('passwords and lost phones', () => {
  it('changes the own password with the current one, ending the other sessions', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const here = await sessionFor(env, p);
    const elsewhere = await sessionFor(env, p);
    const wrong = await api(env, here).post('/api/auth/password', { currentPassword: 'not it at all', newPassword: 'a brand new password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({ path: 'currentPassword', code: 'current_password_wrong' });
    const ok = await api(env, here).post('/api/auth/password', { currentPassword: p.password, newPassword: 'a brand new password' });
    expect(ok.statusCode).toBe(200);
    // This session goes on under a new id; the old id is gone like every other session.
    const renewed = cookieFrom(ok)!;
    expect(renewed).not.toEqual(here);
    expect((await api(env, renewed).get('/api/auth/me')).statusCode).toBe(200);
    expect((await api(env, here).get('/api/auth/me')).statusCode).toBe(401);
    expect((await api(env, elsewhere).get('/api/auth/me')).statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: p.email, password: p.password })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: p.email, password: 'a brand new password' })).statusCode).toBe(200);
  });

  it('lets a manager reset a colleague who lost phone and codes: new password, enrolment again, sessions ended', async () => {
    const manager = await makeStaff(env, { role: 'manager' });
    const p = await makeStaff(env, { role: 'exit_worker' });
    const old = await sessionFor(env, p);
    expect((await api(env, old).post(`/api/staff/${p.id}/reset-sign-in`, { password: 'self reset attempt', reason: 'trying' })).statusCode).toBe(403);
    const mc = await sessionFor(env, manager);
    expect((await api(env, mc).post(`/api/staff/${manager.id}/reset-sign-in`, { password: 'resetting myself', reason: 'trying' })).statusCode).toBe(403);
    const reset = await api(env, mc).post(`/api/staff/${p.id}/reset-sign-in`, { password: 'fresh start password', reason: 'lost phone and codes, confirmed in person' });
    expect(reset.statusCode).toBe(200);
    expect((await api(env, old).get('/api/auth/me')).statusCode).toBe(401);
    const login = await post('/api/auth/login', { email: p.email, password: 'fresh start password' });
    expect(login.json()).toEqual({ next: 'enrol' });
    const audit = await env.owner.query(`select actor_id, outcome, reason from audit_events where action = 'staff.sign-in.reset' and object_id = $1 order by seq`, [p.id]);
    expect(await Promise.all(audit.rows.map(async (r) => [r.outcome, await auditReasonText(env, r.reason)]))).toEqual([['success', 'lost phone and codes, confirmed in person']]);
    // The worker's own attempt was refused at the route's permission and recorded as such.
    const refused = await env.owner.query(`select 1 from audit_events where action = 'authz.denied' and actor_id = $1 and object_id = 'staff:reset-sign-in'`, [p.id]);
    expect(refused.rowCount).toBe(1);
  });

  it('never lets an administrator reset anyone (whoever resets learns the first password)', async () => {
    const admin = await makeStaff(env, { role: 'administrator' });
    const ac = await sessionFor(env, admin);
    for (const role of ['exit_worker', 'spokesperson', 'finance', 'administrator'] as const) {
      const p = await makeStaff(env, { role });
      expect((await api(env, ac).post(`/api/staff/${p.id}/reset-sign-in`, { password: 'admin takeover try', reason: 'trying' })).statusCode).toBe(403);
    }
  });
});

describe('sessions end on the server', () => {
  it('logout ends the session at once', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const cookie = await sessionFor(env, p);
    expect((await api(env, cookie).get('/api/auth/me')).statusCode).toBe(200);
    expect((await api(env, cookie).post('/api/auth/logout', {})).statusCode).toBe(200);
    expect((await api(env, cookie).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('disabling an account ends its sessions at once and blocks sign-in', async () => {
    const manager = await makeStaff(env, { role: 'manager' });
    const p = await makeStaff(env, { role: 'exit_worker' });
    const cookie = await sessionFor(env, p);
    expect((await api(env, await sessionFor(env, manager)).post(`/api/staff/${p.id}/disable`, {})).statusCode).toBe(200);
    expect((await api(env, cookie).get('/api/auth/me')).statusCode).toBe(401);
    expect((await post('/api/auth/login', { email: p.email, password: p.password })).statusCode).toBe(401);
  });

  it('expires after 30 idle minutes and after 12 hours in any case', async () => {
    const p = await makeStaff(env, { role: 'exit_worker' });
    const idle = await sessionFor(env, p);
    await env.owner.query(`update sessions set last_seen_at = now() - interval '31 minutes' where staff_id = $1`, [p.id]);
    expect((await api(env, idle).get('/api/auth/me')).statusCode).toBe(401);
    const old = await sessionFor(env, p);
    await env.owner.query(`update sessions set expires_at = now() - interval '1 second' where staff_id = $1`, [p.id]);
    expect((await api(env, old).get('/api/auth/me')).statusCode).toBe(401);
  });
});
