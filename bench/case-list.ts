// Part of `npm run bench`: the case list (filter + codename search) over 10,000 and 100,000 generated cases,
// p95 latency for a signed-in worker on 50 cases' teams and for a manager. Target: p95 under 50 ms at 100,000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAndSignIn, freePort, jsonCall, percentile, start, waitUntil } from './lib.ts';

const SAMPLES = Number(process.env.BENCH_LIST_SAMPLES ?? 200);
const SIZES = (process.env.BENCH_LIST_SIZES ?? '10000,100000').split(',').map(Number);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-list-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const log = (line: string) => process.stdout.write(line + '\n');
const server = start('src/cli/main.ts', ['serve'], env);

async function timeRequests(url: string, cookie: string): Promise<{ p50: number; p95: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < SAMPLES + 20; i++) {
    const t0 = performance.now();
    const res = await fetch(base + url, { headers: { cookie } });
    const body = await res.json() as { cases?: unknown[] };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    rows = body.cases?.length ?? 0;
    if (i >= 20) times.push(ms);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows };
}

try {
  await waitUntil(async () => (await fetch(`${base}/healthz`)).ok);
  const manager = await createAndSignIn(base, env, { email: 'list-manager@example.test', role: 'manager', name: 'List Manager' });
  const worker = await createAndSignIn(base, env, { email: 'list-worker@example.test', role: 'exit_worker', name: 'List Worker' });
  log(`\nCase list — ${SAMPLES} sequential requests per line after 20 warm-up requests; p50 / p95 in ms (target p95 < 50 ms at 100,000 cases)\n`);
  log('| cases | who | query | rows returned | p50 ms | p95 ms |');
  log('|---|---|---|---|---|---|');
  let total = 0;
  for (const size of SIZES) {
    const add = size - total;
    const gen = start('src/cli/main.ts', ['generate', '--cases', String(add), ...(total === 0 ? ['--assign-email', 'list-worker@example.test', '--assign-count', '50'] : [])], env);
    if (await gen.exited !== 0) throw new Error(gen.output());
    total = size;
    const programmes = (await jsonCall(base, 'GET', '/api/programmes', undefined, manager)).body!.programmes as { id: string }[];
    const queries: [string, string][] = [
      ['first page, no filter', '/api/cases?limit=50'],
      ['state=active + programme', `/api/cases?limit=50&state=active&programme=${programmes[0]!.id}`],
      ['search "kestrel" + state=active', '/api/cases?limit=50&state=active&q=kestrel'],
      ['search rare "-4242"', '/api/cases?limit=50&q=-4242'],
    ];
    for (const [who, cookie] of [['manager', manager], ['worker (50 cases)', worker]] as const) {
      for (const [label, url] of queries) {
        const r = await timeRequests(url, cookie);
        log(`| ${size.toLocaleString('en')} | ${who} | ${label} | ${r.rows} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
      }
    }
  }
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
