// A worker thread of `verifyAudit`: reads pages of the sealed log on its own
// connection and recomputes their leaves, so reading, parsing and hashing run
// beside the main thread's Merkle arithmetic instead of one after the other.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { checkPage, readPage } from './verify-page.ts';

const { connectionString, pageQuery } = workerData as { connectionString: string; pageQuery: string };
const client = new pg.Client({ connectionString, statement_timeout: 60_000, application_name: 'exitdesk-verify',
  // The pages are read side by side already; a parallel plan per page would only add processes on the same cores.
  options: '-c max_parallel_workers_per_gather=0' });
client.on('error', () => undefined);
await client.connect();
// One query at a time on the connection: pages are answered in the order asked.
let queue = Promise.resolve();
parentPort!.on('message', (m: { page: number; from: number; to: number } | 'close') => { queue = queue.then(() => handle(m)); });

async function handle(m: { page: number; from: number; to: number } | 'close'): Promise<void> {
  if (m === 'close') {
    await client.end().catch(() => undefined);
    parentPort!.close();
    return;
  }
  try {
    const { hashes, count, problem, root } = checkPage(await readPage(client, pageQuery, m.from, m.to), m.from, m.to);
    // With a root the caller needs only that (unless a checkpoint falls inside the page, which is rare):
    // the leaves go along in a copy that owns its memory, so it is transferred, not cloned.
    const out = new Uint8Array(hashes.length);
    out.set(hashes);
    parentPort!.postMessage({ page: m.page, hashes: out, count, problem, root: root ? new Uint8Array(root) : null }, [out.buffer]);
  } catch (e) {
    parentPort!.postMessage({ page: m.page, error: e instanceof Error ? e.message : String(e) });
  }
}
parentPort!.postMessage({ ready: true });
