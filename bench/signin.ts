// Part of `npm run bench` (issue 4): sign-in cost. argon2id (m=19 MiB, t=2) is deliberately slow;
// this reports how slow, how many password checks per second the server does with 20 at once, and
// that they do not stall other requests: the latency of a signed-in `GET /api/auth/me` alone and
// while 20 sign-ins run concurrently.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAndSignIn, freePort, median, percentile, start, waitUntil } from './lib.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-signin-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const server = start('src/cli/main.ts', ['serve'], env);
const log = (line: string) => process.stdout.write(line + '\n');

// Twenty accounts: the throttle allows ten attempts in flight per account (by design).
const emails = Array.from({ length: 20 }, (_, i) => `signin${i}@example.test`);
const login = async (i = 0) => {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: emails[i % emails.length], password: 'bench password 123' }) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return performance.now() - t0;
};
async function meLatencies(cookie: string, ms: number): Promise<number[]> {
  const out: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    await r.arrayBuffer();
    out.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 5));
  }
  return out;
}

try {
  await waitUntil(async () => (await fetch(`${base}/healthz`)).ok);
  const cookie = await createAndSignIn(base, env, { email: emails[0]!, role: 'manager', name: 'Sign-in Bench' });
  for (let b = 1; b < emails.length; b += 5) {
    await Promise.all(emails.slice(b, b + 5).map(async (email) => {
      const p = start('src/cli/main.ts', ['user', 'create', '--email', email, '--name', `Bench ${email}`, '--role', 'exit_worker', '--password-stdin'], env, 'bench password 123\n');
      if (await p.exited !== 0) throw new Error(p.output());
    }));
  }
  for (let i = 0; i < 3; i++) await login(); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < 20; i++) sequential.push(await login());

  const quiet = await meLatencies(cookie, 3000);
  // 20 concurrent sign-ins, repeated for about 5 s, while another client keeps reading.
  const busyReads = meLatencies(cookie, 5000).catch(() => [] as number[]);
  const t0 = performance.now();
  let done = 0;
  while (performance.now() - t0 < 5000) {
    await Promise.all(Array.from({ length: 20 }, (_, i) => login(i).then(() => { done++; })));
  }
  const perSecond = done / ((performance.now() - t0) / 1000);
  const busy = await busyReads;
  log(`\nSign-in (password step, argon2id m=19 MiB t=2 p=1) — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  log('| measure | value |');
  log('|---|---|');
  log(`| one sign-in alone, median / p95 | ${median(sequential).toFixed(0)} ms / ${percentile(sequential, 95).toFixed(0)} ms |`);
  log(`| password checks per second, 20 concurrent | ${perSecond.toFixed(1)} |`);
  log(`| signed-in GET /api/auth/me, quiet: median / p99 | ${median(quiet).toFixed(1)} ms / ${percentile(quiet, 99).toFixed(1)} ms (${quiet.length} requests) |`);
  log(`| the same during the 20 concurrent sign-ins: median / p99 | ${median(busy).toFixed(1)} ms / ${percentile(busy, 99).toFixed(1)} ms (${busy.length} requests) |`);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n--- server output:\n${server.output().slice(-3000)}\n`);
  process.exitCode = 1;
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
