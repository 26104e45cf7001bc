// Part of `npm run bench` (issue 6): 100 field visits whose check-outs are missed at the same
// moment. Reports, per escalation step, the delay from the step's due time to its in-app
// notification (the notification row, committed with the step) — p50 and p99 — the delay to the
// live signal on a manager's open stream, and the share of steps that fired exactly once.
// Target: p99 under 5 s, 100 % exactly once. BENCH_ESCALATION_VISITS (default 100).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAndSignIn, freePort, jsonCall, percentile, start, waitUntil } from './lib.ts';

const VISITS = Number(process.env.BENCH_ESCALATION_VISITS ?? 100);
const WORKERS = 10;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-escalation-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const log = (line: string) => process.stdout.write(line + '\n');
const server = start('src/cli/main.ts', ['serve'], env);

try {
  await waitUntil(async () => (await fetch(`${base}/healthz`)).ok);
  const manager = await createAndSignIn(base, env, { email: 'esc-manager@example.test', role: 'manager', name: 'Bench Manager' });
  await createAndSignIn(base, env, { email: 'esc-buddy@example.test', role: 'exit_worker', name: 'Bench Buddy' });
  const workers: string[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await createAndSignIn(base, env, { email: `esc-worker${i}@example.test`, role: 'exit_worker', name: `Bench Worker ${i}` }));
  const { ownerUrl } = JSON.parse(fs.readFileSync(path.join(dataDir, 'run-endpoint.json'), 'utf8')) as { ownerUrl: string };
  const db = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const buddyId = (await db.query(`select id from staff where email = 'esc-buddy@example.test'`)).rows[0].id as string;
  const chain = await jsonCall(base, 'PUT', '/api/safety/escalation/default', { reminderAfterS: 0, buddyAfterS: 5, managersAfterS: 10, emergencyAfterS: 15, emergencyProcedure: 'Bench.' }, manager);
  if (chain.res.status !== 200) throw new Error(`chain: ${chain.res.status}`);

  // The manager's live stream: when does the signal arrive after the managers' step is due?
  const signals: number[] = [];
  const stream = http.get({ host: '127.0.0.1', port, path: '/api/live', headers: { cookie: manager } }, (res) => {
    res.on('data', (c: Buffer) => { if (c.toString().includes('event: changed')) signals.push(Date.now()); });
  });

  const due = new Date(Date.now() + 20_000);
  await Promise.all(Array.from({ length: VISITS }, async (_, i) => {
    const r = await jsonCall(base, 'POST', '/api/safety/visits', { kind: 'field', location: `Bench area ${i}`, plannedStart: new Date().toISOString(), plannedEnd: due.toISOString(), buddyId, startNow: true }, workers[i % WORKERS]);
    if (r.res.status !== 201) throw new Error(`visit: ${r.res.status} ${JSON.stringify(r.body)}`);
  }));
  await waitUntil(async () => (await db.query(`select count(*)::int as n from safety_alerts where kind = 'emergency'`)).rows[0].n >= VISITS, 120_000);
  await new Promise((r) => setTimeout(r, 3_000));
  stream.destroy();

  const steps = (await db.query<{ kind: string; n: number }>(`select visit_id, kind, count(*)::int as n from safety_alerts group by 1, 2`)).rows;
  const once = steps.filter((s) => s.n === 1).length;
  const delays = (await db.query<{ kind: string; ms: number }>(`select a.kind, extract(epoch from (n.created_at - a.due_at)) * 1000 as ms
    from safety_alerts a join notifications n on n.alert_id = a.id`)).rows;
  const managersDue = due.getTime() + 10_000;
  const firstSignal = signals.find((s) => s >= managersDue);
  const row = (label: string, xs: number[]) => `| ${label} | ${xs.length} | ${percentile(xs, 50).toFixed(0)} | ${percentile(xs, 99).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
  log(`\nEscalation — ${VISITS} visits missed at the same moment, chain 0 / 5 / 10 / 15 s; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  log('| step | notifications | p50 ms (due → in app) | p99 ms | max ms |');
  log('|---|---|---|---|---|');
  for (const kind of ['reminder', 'buddy', 'managers', 'emergency']) log(row(kind, delays.filter((d) => d.kind === kind).map((d) => Number(d.ms))));
  log(row('all', delays.map((d) => Number(d.ms))));
  log(`\nSteps expected ${VISITS * 4}, fired ${steps.length}, exactly once ${once} (${((once / (VISITS * 4)) * 100).toFixed(1)} %). Live signal on a manager's stream ${firstSignal ? `${firstSignal - managersDue} ms` : 'not received'} after the managers' step was due.`);
  await db.end();
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
