// A worker thread of `verifyAudit`: reads pages of the sealed log on its own
// connection and recomputes their leaves, so reading, parsing and hashing run
// beside the main thread's Merkle arithmetic instead of one after the other.
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { verifyPage, type SignedCheckpoint } from './verify-page.ts';

const { connectionString, exactQuery, publicKeyDer } = workerData as { connectionString: string; exactQuery: string; publicKeyDer: Uint8Array };
const publicKey = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
const client = new pg.Client({ connectionString, statement_timeout: 60_000, application_name: 'exitdesk-verify',
  // The pages are read side by side already; a parallel plan per page would only add processes on the same cores.
  // Binary COPY sends text in the client encoding: UTF-8 is what the leaf bytes are made of.
  options: '-c max_parallel_workers_per_gather=0 -c client_encoding=UTF8' });
client.on('error', () => undefined);
await client.connect();
// One query at a time on the connection: pages are answered in the order asked.
let queue = Promise.resolve();
parentPort!.on('message', (m: Message) => { queue = queue.then(() => handle(m)); });

type Message = { page: number; from: number; to: number; inside: number[]; signed: SignedCheckpoint[] } | 'close';

async function handle(m: Message): Promise<void> {
  if (m === 'close') {
    await client.end().catch(() => undefined);
    parentPort!.close();
    return;
  }
  try {
    const { hashes, count, problem, root, prefixes, badSignatures } = await verifyPage({ client, exactQuery, from: m.from, to: m.to, inside: m.inside, signed: m.signed, publicKey });
    // With a root (and the prefixes for checkpoints inside the page) the caller needs no leaves; otherwise
    // they go in a copy that owns its memory, so it is transferred, not cloned.
    const out = new Uint8Array(root ? 0 : hashes.length);
    if (!root) out.set(hashes);
    const copy = (b: Buffer) => new Uint8Array(b);
    parentPort!.postMessage({ page: m.page, hashes: out, count, problem, root: root ? copy(root) : null, prefixes: prefixes.map((p) => p.map(copy)), badSignatures }, [out.buffer]);
  } catch (e) {
    parentPort!.postMessage({ page: m.page, error: e instanceof Error ? e.message : String(e) });
  }
}
parentPort!.postMessage({ ready: true });
