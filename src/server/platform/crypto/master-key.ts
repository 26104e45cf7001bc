import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createKeyFileOnce } from './key-file.ts';

export type MasterKey = { key: Buffer; id: string };

export class MasterKeyError extends Error {}

function parseKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) throw new MasterKeyError('EXITDESK_MASTER_KEY must be 32 bytes, written as 64 hex digits or base64.');
  return buf;
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('exitdesk master key id\0').update(key).digest('hex').slice(0, 16);
}

/**
 * The master key only wraps data keys. It comes from EXITDESK_MASTER_KEY or a
 * 0600 file created on first start; it is never stored in the database.
 */
export function loadMasterKey(opts: { fromEnv: string | undefined; dataDir: string }): MasterKey {
  if (opts.fromEnv) {
    const key = parseKey(opts.fromEnv);
    return { key, id: masterKeyId(key) };
  }
  const file = path.join(opts.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    createKeyFileOnce(file, randomBytes(32).toString('base64') + '\n');
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) throw new MasterKeyError(`The master key file ${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  const key = parseKey(fs.readFileSync(file, 'utf8'));
  return { key, id: masterKeyId(key) };
}
