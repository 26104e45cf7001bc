import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { type TestStaff, api, auditReasonText, makeStaff, sessionFor } from '../../testing/factories.ts';

let env: TestEnv;
let worker: TestStaff;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  for (const role of ['manager', 'security_officer', 'exit_worker', 'administrator', 'finance'] as const) {
    cookies[role] = await sessionFor(env, await makeStaff(env, { role }));
  }
  worker = await makeStaff(env, { role: 'exit_worker', name: 'Wanda Worker' });
  cookies.self = await sessionFor(env, worker);
  await api(env, cookies.self).put(`/api/staff/${worker.id}/protected`, { homeAddress: '12 Hidden Lane', privatePhone: '+49 170 000000' });
});
afterAll(() => env.close());

describe('staff directory and protection data', () => {
  it('lists real names and roles but never addresses or private phones', async () => {
    const res = await api(env, cookies.finance!).get('/api/staff');
    expect(res.statusCode).toBe(200);
    const me = res.json().staff.find((s: { id: string }) => s.id === worker.id);
    expect(me).toMatchObject({ name: 'Wanda Worker', role: 'exit_worker' });
    expect(res.body).not.toContain('Hidden Lane');
    expect(res.body).not.toContain('170 000000');
  });

  it('reveals one field at a time to managers, the security officer and the person, each reveal audited with its reason', async () => {
    for (const who of ['manager', 'security_officer', 'self']) {
      const res = await api(env, cookies[who]).post(`/api/staff/${worker.id}/protected/reveal`, { field: 'homeAddress', reason: `check by ${who}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ field: 'homeAddress', value: '12 Hidden Lane' });
      expect(res.body).not.toContain('170 000000');
    }
    const audit = await env.owner.query(`select actor_role, reason, outcome from audit_events where action = 'staff.protected.reveal.homeAddress' and object_id = $1 order by seq`, [worker.id]);
    expect(await Promise.all(audit.rows.map((r) => auditReasonText(env, r.reason)))).toEqual(['check by manager', 'check by security_officer', 'check by self']);
    expect(JSON.stringify(audit.rows)).not.toContain('Hidden Lane');
  });

  it('refuses colleagues and the administrator, and audits the refusal', async () => {
    for (const who of ['exit_worker', 'administrator', 'finance']) {
      const res = await api(env, cookies[who]).post(`/api/staff/${worker.id}/protected/reveal`, { field: 'privatePhone', reason: 'curious' });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('170 000000');
    }
    const denied = await env.owner.query(`select count(*)::int as n from audit_events where action = 'staff.protected.reveal.privatePhone' and outcome = 'denied'`);
    expect(denied.rows[0].n).toBe(3);
  });

  it('requires a reason to reveal', async () => {
    const res = await api(env, cookies.manager).post(`/api/staff/${worker.id}/protected/reveal`, { field: 'homeAddress' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('reason');
  });

  it('stores protection fields encrypted', async () => {
    const raw = await env.owner.query(`select home_address_enc, private_phone_enc from staff where id = $1`, [worker.id]);
    expect(Buffer.from(raw.rows[0].home_address_enc).includes(Buffer.from('Hidden Lane'))).toBe(false);
    expect(raw.rows[0].private_phone_enc).not.toBeNull();
  });

  it('never lets an administrator create or disable an account that sees case content', async () => {
    for (const role of ['manager', 'exit_worker', 'security_officer']) {
      const res = await api(env, cookies.administrator!).post('/api/staff', { email: `shadow-${role}@example.test`, name: 'Shadow', role, password: 'a long shadow password' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'role', code: 'role_not_allowed' });
    }
    expect((await api(env, cookies.administrator!).post(`/api/staff/${worker.id}/disable`, {})).statusCode).toBe(403);
    const finance = await api(env, cookies.administrator!).post('/api/staff', { email: 'fin2@example.test', name: 'Fin Two', role: 'finance', password: 'a long finance password' });
    expect(finance.statusCode).toBe(201);
    expect((await api(env, cookies.administrator!).post(`/api/staff/${finance.json().id}/disable`, {})).statusCode).toBe(200);
  });

  it('keeps at least one active manager', async () => {
    const e2 = await createTestEnv();
    try {
      const m1 = await makeStaff(e2, { role: 'manager' });
      const m2 = await makeStaff(e2, { role: 'manager' });
      expect((await api(e2, await sessionFor(e2, m1)).post(`/api/staff/${m2.id}/disable`, {})).statusCode).toBe(200);
      const m3 = await makeStaff(e2, { role: 'manager' });
      const c3 = await sessionFor(e2, m3);
      expect((await api(e2, c3).post(`/api/staff/${m1.id}/disable`, {})).statusCode).toBe(200);
      // m3 is now the only active manager; another manager cannot exist to disable them, and they cannot disable themselves.
      expect((await api(e2, c3).post(`/api/staff/${m3.id}/disable`, {})).statusCode).toBe(403);
    } finally {
      await e2.close();
    }
  });

  it('lets only managers and administrators create accounts', async () => {
    const body = { email: 'someone.new@example.test', name: 'Someone New', role: 'finance', password: 'twelve chars ok' };
    expect((await api(env, cookies.exit_worker).post('/api/staff', body)).statusCode).toBe(403);
    expect((await api(env, cookies.administrator).post('/api/staff', body)).statusCode).toBe(201);
    const dup = await api(env, cookies.manager).post('/api/staff', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'email', code: 'email_taken' });
  });
});
