import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpChannel } from '../../platform/notify/channels.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';

/** A real SMTP server on a local port that keeps what it receives. */
async function startSmtp(port = 0) {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString(); });
      stream.on('end', () => { received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); done(); });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    let closing: Promise<void> | null = null;
  return { received, port: address.port, close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))) };
}

async function until<T>(what: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let env: TestEnv; let smtp: Awaited<ReturnType<typeof startSmtp>>;
let manager: TestStaff; let worker: TestStaff;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtp();
  const email = smtpChannel({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Exitdesk <alerts@exitdesk.test>' });
  env = await createTestEnv({ jobs: 'workers', channels: { email, sms: null } });
  manager = await makeStaff(env, { role: 'manager' });
  worker = await makeStaff(env, { role: 'exit_worker' });
  for (const p of [manager, worker]) cookie[p.id] = await sessionFor(env, p);
});
afterAll(async () => { await env.close(); await smtp.close(); });

describe('alerts outside the app', () => {
  it('e-mails a panic alert through a real SMTP server, with no names, places or cases in it', async () => {
    const visit = await api(env, cookie[worker.id]).post('/api/safety/visits', { kind: 'field', location: 'Bahnhofstraße 7', purpose: 'Codename Falke', plannedStart: new Date().toISOString(), plannedEnd: new Date(Date.now() + 3_600_000).toISOString(), startNow: true });
    expect(visit.statusCode).toBe(201);
    expect((await api(env, cookie[worker.id]).post('/api/safety/panic', {})).statusCode).toBe(200);
    const mail = await until(async () => smtp.received.find((m) => m.to.includes(manager.email)));
    expect(mail.raw).toContain('PANIC');
    for (const secret of ['Bahnhofstra', 'Falke', worker.name]) expect(mail.raw).not.toContain(secret);
    const row = await until(async () => (await env.owner.query(`select status, attempts from deliveries where recipient_id = $1 and status = 'sent'`, [manager.id])).rows[0]);
    expect(row.attempts).toBe(1);
  });

  it('when the mail server is down the in-app alert is there at once, the failure is visible to managers, and delivery is retried', async () => {
    const port = smtp.port;
    await smtp.close();
    {
      const res = await api(env, cookie[worker.id]).post('/api/safety/panic', {});
      const alertId = res.json().alertId;
      // In the app immediately, whatever the mail server does.
      const alerts = (await api(env, cookie[manager.id]).get('/api/safety/alerts')).json().alerts;
      expect(alerts.some((a: { id: string }) => a.id === alertId)).toBe(true);
      const failing = await until(async () => (await api(env, cookie[manager.id]).get('/api/safety/deliveries')).json().deliveries.find((d: { attempts: number; lastError: string | null }) => d.attempts >= 1 && d.lastError));
      expect(failing.lastError).toMatch(/^(ESOCKET|ECONNECTION|ECONNREFUSED)$/);
      expect(failing.status).toBe('pending');
      // Workers may not see the delivery list.
      expect((await api(env, cookie[worker.id]).get('/api/safety/deliveries')).statusCode).toBe(403);
      smtp = await startSmtp(port);
      const sent = await until(async () => (await env.owner.query(`select d.status, d.attempts from deliveries d join notifications n on n.id = d.notification_id where n.alert_id = $1 and d.status = 'sent'`, [alertId])).rows[0], 40_000);
      expect(sent.attempts).toBeGreaterThan(1);
    }
  }, 60_000);
});

describe('live stream', () => {
  it('signals a recipient when an alert arrives, with no content, and refuses anonymous readers', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as AddressInfo;
    const anonymous = await fetch(`http://127.0.0.1:${port}/api/live`).catch(() => null);
    expect(anonymous?.status).toBe(401);
    const chunks: string[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/api/live', headers: { cookie: cookie[manager.id]! } });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    res.on('data', (c: Buffer) => chunks.push(c.toString()));
    await until(async () => chunks.join('').includes('event: ready'));
    await api(env, cookie[worker.id]).post('/api/safety/panic', {});
    await until(async () => chunks.join('').includes('event: changed'));
    expect(chunks.join('')).not.toMatch(/panic|worker/i);
    req.destroy();
  });
});
