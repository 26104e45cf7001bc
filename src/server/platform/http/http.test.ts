import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, HOST, makeCase, makeStaff, ORIGIN, sessionFor, testProfile } from '../../testing/factories.ts';

const logLines: string[] = [];
const logStream = new Writable({ write(chunk, _enc, cb) { logLines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });

let env: TestEnv;
let managerCookie: string;
beforeAll(async () => {
  env = await createTestEnv({ logStream, config: { logLevel: 'debug' } });
  managerCookie = await sessionFor(env, await makeStaff(env, { role: 'manager' }));
});
afterAll(() => env.close());

function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  expect(String(headers['content-security-policy'])).toContain("script-src 'self'");
  expect(String(headers['content-security-policy'])).not.toContain("'unsafe-inline' 'unsafe-eval'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers', () => {
  it('are on success, 401, 404, 400 and 500 responses, with no-store on the API', async () => {
    const id = await makeCase(env, managerCookie);
    const responses = [
      await api(env, managerCookie).get(`/api/cases/${id}`),
      await api(env).get('/api/auth/me'),
      await api(env, managerCookie).get('/api/nothing-here'),
      await api(env, managerCookie).post('/api/cases', { codename: '' }),
      await api(env).get('/healthz'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 400, 200]);
    for (const r of responses) {
      expectSecurityHeaders(r.headers);
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('host names', () => {
  it('refuses a Host it is not known by (DNS rebinding), with headers and a JSON body', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'attacker.example:3000' } });
    expect(res.statusCode).toBe(421);
    expect(res.json().error.code).toBe('unknown_host');
    expectSecurityHeaders(res.headers);
  });

  it('answers a malformed URL through the error handler, without echoing it', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/cases/%3Cscript%3E%', headers: { host: HOST } });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('script');
    expectSecurityHeaders(res.headers);
  });
});

describe('CSRF', () => {
  const attempt = (headers: Record<string, string>) =>
    env.app.inject({ method: 'POST', url: '/api/programmes', headers: { host: HOST, cookie: managerCookie, ...headers }, payload: { name: `csrf ${Math.random().toString(36).slice(2, 8)}`, profile: testProfile } });

  it('refuses state changes from another origin, a cross-site fetch, or without an Origin', async () => {
    expect((await attempt({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await attempt({ origin: ORIGIN, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await attempt({})).statusCode).toBe(403);
    expect((await attempt({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await attempt({ origin: ORIGIN })).statusCode).toBe(201);
  });

  it('accepts a loopback Origin naming the dialled port whatever Host was sent', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (env.app.server.address() as { port: number }).port;
    const res = await fetch(`http://localhost:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'whatever it is' }),
    });
    expect(res.status).toBe(401); // got past the CSRF check to the credential check
    const wrongPort = await fetch(`http://localhost:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port + 1}` },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'whatever it is' }),
    });
    expect(wrongPort.status).toBe(403);
  });
});

describe('bad input and faults', () => {
  it('limits the body size', async () => {
    const res = await api(env, managerCookie).post('/api/cases', { codename: 'x'.repeat(400_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('answers malformed JSON with a 400 that does not echo it', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/cases', headers: { origin: ORIGIN, host: HOST, cookie: managerCookie, 'content-type': 'application/json' }, payload: '{"codename": "SECRET-ECHO' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('SECRET-ECHO');
  });

  it('refuses a NUL character anywhere (PostgreSQL text cannot hold it) with a 400 naming the field', async () => {
    // Found by the API fuzzer: a search for "\u0000" reached the database and came back as a 500.
    const search = await api(env, managerCookie).get('/api/cases?q=%00');
    expect(search.statusCode).toBe(400);
    expect(search.json().error.fields).toEqual([{ path: 'q', code: 'invalid_characters', message: expect.any(String) }]);
    const id = await makeCase(env, managerCookie);
    const note = await api(env, managerCookie).post(`/api/cases/${id}/notes`, { text: 'before\u0000after' });
    expect(note.statusCode).toBe(400);
    expect(note.json().error.fields[0].path).toBe('text');
    const notes = await api(env, managerCookie).get(`/api/cases/${id}/notes`);
    expect(notes.json().notes).toEqual([]);
  });

  it('refuses hostile nesting with a 400, signed in or not (a recursive check overflowed the stack: 500)', async () => {
    const body = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    for (const cookie of [undefined, managerCookie]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/cases', headers: { origin: ORIGIN, host: HOST, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].code).toBe('too_deep');
    }
  });

  it('gives a 500 with nothing but a correlation id', async () => {
    const id = await makeCase(env, managerCookie);
    await api(env, managerCookie).post(`/api/cases/${id}/notes`, { text: 'a' });
    await api(env, managerCookie).post(`/api/cases/${id}/notes`, { text: 'b' });
    const rows = (await env.owner.query(`select id, text_enc from case_notes where case_id = $1`, [id])).rows;
    await env.owner.query(`update case_notes set text_enc = $1 where id = $2`, [rows[0].text_enc, rows[1].id]);
    const res = await api(env, managerCookie).get(`/api/cases/${id}/notes`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong' }, correlationId: res.headers['x-request-id'] });
    expectSecurityHeaders(res.headers);
  });
});

describe('logs', () => {
  it('never contain note text, names, addresses, passwords or codes (canary)', async () => {
    const canary = 'CANARY7731';
    const manager = await makeStaff(env, { role: 'manager' });
    const mc = await sessionFor(env, manager);
    const created = await api(env, mc).post('/api/staff', { email: `${canary.toLowerCase()}@example.test`, name: `Name ${canary}`, role: 'exit_worker', password: `password ${canary}` });
    expect(created.statusCode).toBe(201);
    const staffId = created.json().id;
    await api(env, mc).put(`/api/staff/${staffId}/protected`, { homeAddress: `1 ${canary} Road`, privatePhone: `+49 ${canary}` });
    await api(env, mc).post(`/api/staff/${staffId}/protected/reveal`, { field: 'homeAddress', reason: 'checking the canary' });
    const id = await makeCase(env, mc, { team: [{ staffId, role: 'lead' }] });
    await api(env, mc).post(`/api/cases/${id}/notes`, { text: `note ${canary}` });
    await api(env, mc).get(`/api/cases/${id}/notes`);
    await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: ORIGIN, host: HOST }, payload: { email: `${canary.toLowerCase()}@example.test`, password: `wrong ${canary}` } });
    await api(env, mc).post('/api/cases', { codename: 'ok', [`extra${canary}`]: `value ${canary}` });
    // A 500 path too.
    const rows = (await env.owner.query(`select id from case_notes where case_id = $1`, [id])).rows;
    await env.owner.query(`update case_notes set text_enc = '\\x00' where id = $1`, [rows[0].id]);
    await api(env, mc).get(`/api/cases/${id}/notes`);
    expect(logLines.length).toBeGreaterThan(20);
    const leaking = logLines.filter((l) => l.toLowerCase().includes(canary.toLowerCase()));
    expect(leaking).toEqual([]);
  });
});
