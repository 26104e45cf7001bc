import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export function start(script: string, args: string[], env: Record<string, string>, stdin?: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  if (stdin !== undefined) child.stdin!.end(stdin); else child.stdin!.end();
  return { child, output: () => out, exited: new Promise((r) => child.on('exit', (c) => r(c))) };
}

export async function waitUntil(check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('timed out waiting');
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function jsonCall(base: string, method: string, url: string, body: unknown, cookie?: string) {
  const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json', origin: base, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { res, body: await res.json().catch(() => null) as Record<string, unknown> | null };
}

/** Creates an account through the CLI and signs it in through the API; returns the session cookie. */
export async function createAndSignIn(base: string, env: Record<string, string>, who: { email: string; role: string; name: string }): Promise<string> {
  const { authenticator } = await import('otplib');
  const password = 'bench password 123';
  const created = start('src/cli/main.ts', ['user', 'create', '--email', who.email, '--name', who.name, '--role', who.role, '--password-stdin'], env, `${password}\n`);
  if (await created.exited !== 0) throw new Error(created.output());
  const { totpUri } = JSON.parse(created.output().trim().split('\n').pop()!) as { totpUri: string };
  const secret = new URL(totpUri).searchParams.get('secret')!;
  const login = await jsonCall(base, 'POST', '/api/auth/login', { email: who.email, password });
  const half = login.res.headers.get('set-cookie')!.split(';')[0]!;
  const mfa = await jsonCall(base, 'POST', '/api/auth/mfa', { code: authenticator.generate(secret) }, half);
  if (mfa.res.status !== 200) throw new Error(`sign-in failed: ${mfa.res.status}`);
  return mfa.res.headers.get('set-cookie')!.split(';')[0]!;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
