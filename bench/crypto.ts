// Part of `npm run bench` (issue 4): field encryption and decryption per note, Exitdesk's envelope
// (AAD naming table/column/row and key version, packed header) versus bare AES-256-GCM with a random
// IV on the same bytes, in the same process. Medians of 5 rounds; prints the ratio.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { aesGcmOpen, aesGcmSeal, fieldAad, pack, unpack } from '../src/server/platform/crypto/envelope.ts';
import { median } from './lib.ts';

const N = Number(process.env.BENCH_CRYPTO_N ?? 50_000);
const rawKey = randomBytes(32);
const key = createSecretKey(rawKey);
// A realistic note: ~600 characters of text.
const note = 'Met the client at the community centre. He talked about his brother, who is still in the group, and about the pressure from former friends. '.repeat(4);
const bytes = Buffer.from(note, 'utf8');
const places = Array.from({ length: 64 }, () => ({ table: 'case_notes', column: 'text_enc', rowId: randomUUID() }));

function opsPerSecond(fn: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  return N / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const bareSeal = () => {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(bytes), c.final()]);
  return { iv, tag: c.getAuthTag(), ct };
};
const sealed = bareSeal();
const bareOpen = () => {
  const d = createDecipheriv('aes-256-gcm', key, sealed.iv);
  d.setAuthTag(sealed.tag);
  return Buffer.concat([d.update(sealed.ct), d.final()]);
};
const blobs = places.map((p) => pack(1, aesGcmSeal(key, Buffer.from(note, 'utf8'), fieldAad(p, 1))));
const exitdeskSeal = (i: number) => { const p = places[i % 64]!; return pack(1, aesGcmSeal(key, Buffer.from(note, 'utf8'), fieldAad(p, 1))); };
const exitdeskOpen = (i: number) => { const p = places[i % 64]!; return aesGcmOpen(key, unpack(blobs[i % 64]!), fieldAad(p, 1)).toString('utf8'); };

const rounds = { bareSeal: [] as number[], seal: [] as number[], bareOpen: [] as number[], open: [] as number[] };
for (let r = 0; r < 5; r++) {
  rounds.bareSeal.push(opsPerSecond(bareSeal));
  rounds.seal.push(opsPerSecond(exitdeskSeal));
  rounds.bareOpen.push(opsPerSecond(bareOpen));
  rounds.open.push(opsPerSecond(exitdeskOpen));
}
const m = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)])) as Record<keyof typeof rounds, number>;
const line = (what: string, bare: number, ours: number) =>
  `| ${what} | ${bare.toFixed(0)} | ${ours.toFixed(0)} | ${(ours / bare).toFixed(2)} | ${(1e6 / ours - 1e6 / bare).toFixed(2)} |`;
process.stdout.write(`\nField encryption per note (${bytes.length} bytes), ${N.toLocaleString('en')} operations per round, median of 5 rounds\n\n`);
process.stdout.write('| operation | bare AES-256-GCM ops/s | Exitdesk envelope ops/s | ratio | added µs per note |\n|---|---|---|---|---|\n');
process.stdout.write(`${line('encrypt', m.bareSeal, m.seal)}\n${line('decrypt', m.bareOpen, m.open)}\n`);
