// Part of `npm run bench` (issue 4): a mixed workload — 70 % case reads, 20 % list/search, 10 % note
// writes — at 64 connections for 60 s against Exitdesk with 100,000 generated cases. Reports
// requests/s, p50/p99, errors, the largest event-loop delay in the Exitdesk process (target < 100 ms)
// and its peak memory (target < 400 MB). BENCH_MIXED_CASES, BENCH_MIXED_SECONDS, BENCH_MIXED_CONNECTIONS;
// The server gets the Node flags of `npm start`; BENCH_SERVE_FLAGS replaces them (e.g. '' for V8's defaults).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createAndSignIn, freePort, jsonCall, start, waitUntil } from './lib.ts';

const CASES = Number(process.env.BENCH_MIXED_CASES ?? 100_000);
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_MIXED_CONNECTIONS ?? 64);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-bench-mixed-'));
const loopFile = path.join(dataDir, 'loop.json');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { EXITDESK_DATA_DIR: dataDir, PORT: String(port) };
const log = (line: string) => process.stdout.write(line + '\n');
// The Node flags `npm start` gives the server (package.json), so the figures are those of the documented launch.
const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { scripts: { start: string } };
const startFlags = /node ((?:--[\w-]+=\S+ )*)src\/cli\/main\.ts serve/.exec(pkg.scripts.start)?.[1]?.trim() ?? '';
const serveFlags = process.env.BENCH_SERVE_FLAGS ?? startFlags;
const server = start('src/cli/main.ts', ['serve'], { ...env, BENCH_LOOP_FILE: loopFile, NODE_OPTIONS: `${serveFlags} --import ${path.resolve(import.meta.dirname, 'loop-monitor.ts')}` });

try {
  await waitUntil(async () => (await fetch(`${base}/healthz`)).ok);
  const cookie = await createAndSignIn(base, env, { email: 'mixed@example.test', role: 'manager', name: 'Mixed Manager' });
  const gen = start('src/cli/main.ts', ['generate', '--cases', String(CASES)], env);
  if (await gen.exited !== 0) throw new Error(gen.output());
  // Case ids to read and write: a spread over the whole table, not one hot row.
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < 2000) {
    const page = await jsonCall(base, 'GET', `/api/cases?limit=200${after ? `&after=${after}` : ''}`, undefined, cookie);
    const rows = page.body!.cases as { id: string }[];
    ids.push(...rows.map((r) => r.id));
    after = page.body!.nextCursor as string | null;
    if (!after) break;
  }
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const searches = ['kestrel', 'heron', 'lark', 'state=active', 'state=suspended&q=o'];
  const headers = { cookie, origin: base, 'content-type': 'application/json' };
  // autocannon runs each connection through this list in order: 7 reads, 2 lists, 1 write = 70/20/10.
  const read = { method: 'GET' as const, setupRequest: (r: autocannon.Request) => ({ ...r, path: `/api/cases/${pick()}` }) };
  const list = { method: 'GET' as const, setupRequest: (r: autocannon.Request) => { const s = searches[Math.floor(Math.random() * searches.length)]!; return { ...r, path: `/api/cases?${s.includes('=') ? s : `q=${s}`}` }; } };
  const write = { method: 'POST' as const, setupRequest: (r: autocannon.Request) => ({ ...r, path: `/api/cases/${pick()}/notes`, body: JSON.stringify({ text: 'Mixed workload note: met at the office, next meeting agreed.' }) }) };
  const requests = [read, read, list, read, read, write, read, list, read, read];
  const run = (seconds: number) => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: base, connections: CONNECTIONS, duration: seconds, headers, requests }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  await run(5); // warm-up
  server.child.kill('SIGUSR2'); // the loop monitor starts afresh for the measured phase
  const r = await run(SECONDS);
  await new Promise((res) => setTimeout(res, 1500));
  const loop = JSON.parse(fs.readFileSync(loopFile, 'utf8')) as { maxDelayMs: number; p99DelayMs: number; peakRssBytes: number; loadingPeakRssBytes: number };
  log(`\nMixed workload — ${CASES.toLocaleString('en')} cases, ${CONNECTIONS} connections, ${SECONDS} s, 70 % reads / 20 % list+search / 10 % note writes; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, server flags: ${serveFlags || '(none)'}\n`);
  log('| requests/s | p50 ms | p99 ms | errors + non-2xx | largest event-loop delay ms (target < 100) | event-loop p99 ms | peak RSS MB (target < 400) |');
  log('|---|---|---|---|---|---|---|');
  log(`| ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.non2xx} | ${loop.maxDelayMs.toFixed(0)} | ${loop.p99DelayMs.toFixed(0)} | ${(loop.peakRssBytes / 2 ** 20).toFixed(0)} |`);
  log(`\nPeak RSS before the measured phase (start, ${CASES.toLocaleString('en')} generated cases and sealing their audit entries, warm-up): ${(loop.loadingPeakRssBytes / 2 ** 20).toFixed(0)} MB`);
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
