// npm run bench — measures Exitdesk against a bare ceiling in the same run, on the same machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createAndSignIn, freePort, jsonCall, median, start, waitUntil } from './lib.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CASES = Number(process.env.BENCH_CASES ?? 300);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const children: { child: { kill: (s: NodeJS.Signals) => void }; exited: Promise<number | null> }[] = [];

function log(line: string) { process.stdout.write(line + '\n'); }


try {
  log(`Exitdesk benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  log(`${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} alternating rounds, ${CASES} cases in the database\n`);
  const server = start('src/cli/main.ts', ['serve'], env);
  children.push(server);
  await waitUntil(async () => (await fetch(`${base}/healthz`)).ok);

  const cookie = await createAndSignIn(base, env, { email: 'bench@example.test', role: 'manager', name: 'Bench Manager' });
  const gen = start('src/cli/main.ts', ['generate', '--cases', String(CASES)], env);
  if (await gen.exited !== 0) throw new Error(gen.output());
  const page = await jsonCall(base, 'GET', '/api/cases?limit=1', undefined, cookie);
  const caseId = String((page.body!.cases as { id: string }[])[0]!.id);
  const check = await fetch(`${base}/api/cases/${caseId}`, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`read check: ${check.status}`);

  const barePort = await freePort();
  const bare = start('bench/bare-server.ts', [], { ...env, PORT: String(barePort) });
  children.push(bare);
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${barePort}/bare/cases/${caseId}`)).ok);

  const runOnce = (url: string, headers: Record<string, string>) => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  // Warm both up (JIT, connection pools, caches) before measuring.
  await runOnce(`http://127.0.0.1:${barePort}/bare/cases/${caseId}`, {});
  await runOnce(`${base}/api/cases/${caseId}`, { cookie });

  const results = { bare: [] as autocannon.Result[], exitdesk: [] as autocannon.Result[] };
  for (let round = 0; round < ROUNDS; round++) {
    results.bare.push(await runOnce(`http://127.0.0.1:${barePort}/bare/cases/${caseId}`, {}));
    results.exitdesk.push(await runOnce(`${base}/api/cases/${caseId}`, { cookie }));
  }
  const summarise = (rs: autocannon.Result[]) => ({
    rps: median(rs.map((r) => r.requests.average)),
    p50: median(rs.map((r) => r.latency.p50)),
    p99: median(rs.map((r) => r.latency.p99)),
    errors: rs.reduce((n, r) => n + r.errors + r.non2xx, 0),
  });
  const b = summarise(results.bare);
  const x = summarise(results.exitdesk);
  const audited = await fetch(`${base}/api/cases/${caseId}/access-log?limit=1`, { headers: { cookie } }).then((r) => r.json()) as { entries: unknown[] };
  log('| route | requests/s (median) | p50 ms | p99 ms | errors |');
  log('|---|---|---|---|---|');
  log(`| bare Fastify + one indexed select (ceiling) | ${b.rps.toFixed(0)} | ${b.p50} | ${b.p99} | ${b.errors} |`);
  log(`| Exitdesk GET /api/cases/:id (session, policy, audit entry, commit) | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p99} | ${x.errors} |`);
  log(`\nratio Exitdesk / ceiling (requests/s): ${(x.rps / b.rps).toFixed(2)}  (target ≥ 0.5)`);
  log(`every Exitdesk read wrote an audit entry: access log has entries = ${audited.entries.length > 0}`);
  log(`per-round requests/s: ceiling ${results.bare.map((r) => r.requests.average.toFixed(0)).join(', ')}; exitdesk ${results.exitdesk.map((r) => r.requests.average.toFixed(0)).join(', ')}`);
} finally {
  for (const c of children) c.child.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
