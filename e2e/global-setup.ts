import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts a real Exitdesk (embedded PostgreSQL, fresh data directory), provisions
 * the people the specs sign in as through the CLI, and stops it all afterwards.
 */
const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function cli(args: string[], env: NodeJS.ProcessEnv, stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.stdin.end(stdin);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exitdesk ${args.join(' ')} failed: ${err}`))));
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // A short step-up window (the minimum is 10 s) lets the lifecycle test see a reveal ask for a fresh code.
  const env = { ...process.env, EXITDESK_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', EXITDESK_STEP_UP_SECONDS: '30' };
  const server = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (d) => { log += d; });
  server.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try { if ((await fetch(`${baseURL}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`Exitdesk did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const people: Record<string, { email: string; password: string; name: string; secret: string; id: string }> = {};
  // One person per spec where possible: a TOTP code is accepted once per 30-second step.
  for (const [key, role, name] of [['manager', 'manager', 'Maria Manager'], ['worker', 'exit_worker', 'Wim Worker'], ['outsider', 'exit_worker', 'Olga Outsider'], ['staffManager', 'manager', 'Sam Staffmanager'], ['reviewer', 'manager', 'Rita Reviewer'], ['guard', 'security_officer', 'Gus Guard'], ['caseManager', 'manager', 'Carla Casemanager'], ['caseWorker', 'exit_worker', 'Kai Caseworker'], ['lone', 'exit_worker', 'Lea Loneworker'], ['duty', 'manager', 'Dora Duty'], ['carer', 'exit_worker', 'Cem Carer'], ['careManager', 'manager', 'Mia Caremanager']] as const) {
    const email = `${key}@e2e.example.test`;
    const password = `${key} password for e2e`;
    const out = await cli(['user', 'create', '--email', email, '--name', name, '--role', role, '--password-stdin'], env, password + '\n');
    const created = JSON.parse(out.trim().split('\n').pop()!) as { id: string; totpUri: string };
    people[key] = { email, password, name, id: created.id, secret: new URL(created.totpUri).searchParams.get('secret')! };
  }
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_PEOPLE = JSON.stringify(people);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
