import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { describeAccess } from './access.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(() => env.close());

describe('route table (deny by default)', () => {
  it('has an access declaration on every route, and the guards are the reviewed ones', async () => {
    const app = await buildApp(env.ctx, { logger: false, withWeb: true });
    await app.ready();
    const rows = app.routeTable.flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD').map((m) => ({ route: `${m} ${r.url}`, access: r.access })));
    await app.close();
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => !r.access).map((r) => r.route)).toEqual([]);
    // A change to any route's guard shows up in review as a snapshot diff.
    expect(rows.map((r) => `${r.route} -> ${describeAccess(r.access)}`).sort().join('\n')).toMatchSnapshot();
  });

  it('fails closed when a session-in-statement route never checks the session', async () => {
    const app = await buildApp(env.ctx, { logger: false, withWeb: false });
    app.get('/api/forgetful', { config: { access: { permission: 'case:read', sessionInStatement: true } } }, async () => ({ secret: 'leaked' }));
    app.get('/api/forgetful-string', { config: { access: { permission: 'case:read', sessionInStatement: true } } }, async () => 'leaked as text');
    app.get('/api/forgetful-404', { config: { access: { permission: 'case:read', sessionInStatement: true } } }, async (_r, reply) => reply.code(404).send({ secret: 'leaked' }));
    await app.ready();
    for (const url of ['/api/forgetful', '/api/forgetful-string', '/api/forgetful-404']) {
      const res = await app.inject({ method: 'GET', url, headers: { host: '127.0.0.1:3000', cookie: `${env.ctx.cookie.name}=whatever` } });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('leaked');
    }
    const noCookie = await app.inject({ method: 'GET', url: '/api/forgetful', headers: { host: '127.0.0.1:3000' } });
    expect(noCookie.statusCode).toBe(401);
    await app.close();
  });

  it('refuses at runtime a route registered without a declaration', async () => {
    const app = await buildApp(env.ctx, { logger: false, withWeb: false });
    app.get('/api/undeclared', async () => ({ secret: 'leaked' }));
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/undeclared' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('leaked');
    expect(app.routeTable.find((r) => r.url === '/api/undeclared')?.access).toBeUndefined();
    await app.close();
  });
});
