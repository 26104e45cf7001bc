import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * Creates `file` with `content` unless it exists, atomically: a concurrent
 * reader (another instance starting at the same moment) sees either no file or
 * the whole key, never a half-written one. Returns false when it already existed.
 */
export function createKeyFileOnce(file: string, content: string, mode = 0o600): boolean {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
