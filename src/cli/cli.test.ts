import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { postmasterAlive, postmasterPid } from '../server/testing/processes.ts';

const MAIN = path.resolve(import.meta.dirname, 'main.ts');
const started: ChildProcess[] = [];
afterAll(() => { for (const c of started) if (c.exitCode === null) c.kill('SIGKILL'); });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

type Proc = { child: ChildProcess; out: () => string; exited: Promise<number | null> };

function run(args: string[], env: Record<string, string>, stdin?: string): Proc {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  if (stdin !== undefined) child.stdin!.end(stdin); else child.stdin!.end();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

const healthy = async (port: number) => {
  try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200; } catch { return false; }
};

const embeddedOnly = inject('testDb').embedded;

// These start the real `exitdesk` process with its own embedded PostgreSQL; in the
// external-PostgreSQL CI pass the embedded server is not what is under test.
describe.skipIf(!embeddedOnly)('exitdesk serve with the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-cli-'));

  it('starts, prints a setup link, stops cleanly on SIGTERM, recovers after kill -9, refuses a second instance', async () => {
    const port = await freePort();
    const masterKey = randomBytes(32).toString('hex');
    const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port), EXITDESK_MASTER_KEY: masterKey };
    const first = run(['serve'], env);
    await waitFor(() => healthy(port));
    expect((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).status).toBe('ok');
    await waitFor(() => first.out().includes('/setup#token='));
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
    expect(fs.statSync(path.join(dataDir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    // The database server must not inherit Exitdesk's keys (a DB superuser could read its environment).
    const pid = postmasterPid(dataDir);
    const pgEnv = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    expect(pgEnv).not.toContain(masterKey);
    expect(pgEnv).not.toContain('EXITDESK_');

    // A second process on the same data directory refuses, clearly, and harms nothing.
    const second = run(['serve'], { ...env, PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.out()).toMatch(/already using the data directory/);
    expect(await healthy(port)).toBe(true);

    // Scripted provisioning against the running instance.
    const created = run(['user', 'create', '--email', 'script@example.test', '--name', 'Script Person', '--role', 'manager', '--password-stdin'], env, 'a long script password\n');
    expect(await created.exited).toBe(0);
    const json = JSON.parse(created.out().trim().split('\n').pop()!);
    expect(json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.totpUri).toMatch(/^otpauth:\/\/totp\//);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(postmasterAlive(dataDir)).toBe(false);

    // kill -9: the embedded server must not outlive us, and the next start recovers by itself.
    const crashy = run(['serve'], env);
    await waitFor(() => healthy(port));
    crashy.child.kill('SIGKILL');
    await crashy.exited;
    await waitFor(() => !postmasterAlive(dataDir), 15_000);
    const again = run(['serve'], env);
    await waitFor(() => healthy(port));
    const verify = run(['audit', 'verify'], env);
    expect(await verify.exited).toBe(0);
    expect(verify.out()).toMatch(/Audit log intact/);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    expect(postmasterAlive(dataDir)).toBe(false);
  }, 180_000);
});

describe('exitdesk serve with DATABASE_URL (external PostgreSQL)', () => {
  it('starts two instances on one database (migrations serialised by an advisory lock), with a runtime role that cannot rewrite the audit log', async () => {
    const info = inject('testDb');
    const name = `cli_${randomBytes(5).toString('hex')}`;
    const owner = new URL(info.ownerUrl);
    owner.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: owner.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const withDb = (u: string) => { const x = new URL(u); x.pathname = `/${name}`; return x.toString(); };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-ext-'));
    const shared = {
      EXITDESK_DATA_DIR: dataDir,
      DATABASE_URL: withDb(info.appUrl),
      DATABASE_OWNER_URL: withDb(info.ownerUrl),
      EXITDESK_MASTER_KEY: randomBytes(32).toString('hex'),
    };
    const [p1, p2] = [await freePort(), await freePort()];
    const a = run(['serve'], { ...shared, PORT: String(p1) });
    const b = run(['serve'], { ...shared, PORT: String(p2) });
    await waitFor(async () => (await healthy(p1)) && (await healthy(p2))).catch((e: Error) => {
      throw new Error(`${e.message}\n--- instance 1:\n${a.out()}\n--- instance 2:\n${b.out()}`);
    });
    const check = new pg.Client({ connectionString: withDb(info.appUrl) });
    await check.connect();
    const priv = await check.query(`select has_table_privilege('audit_events', 'UPDATE') as u, has_table_privilege('audit_events', 'INSERT') as i`);
    const migrations = await check.query(`select count(*)::int as n from staff`).catch((e: Error) => e);
    await check.end();
    expect(priv.rows[0]).toEqual({ u: false, i: true });
    expect(migrations).not.toBeInstanceOf(Error);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    // Running as the owner role would let Exitdesk rewrite its own audit log: refused, with the fix named.
    const asOwner = run(['serve'], { EXITDESK_DATA_DIR: dataDir, DATABASE_URL: withDb(info.ownerUrl), EXITDESK_MASTER_KEY: shared.EXITDESK_MASTER_KEY, PORT: String(await freePort()) });
    expect(await asOwner.exited).not.toBe(0);
    expect(asOwner.out()).toMatch(/can rewrite the audit log/);
  }, 120_000);
});
