import fs from 'node:fs';
import path from 'node:path';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Another Exitdesk process (pid ${pid}) is already using the data directory ${dataDir}. Stop it first, or start this one with a different EXITDESK_DATA_DIR.`);
  }
}

/**
 * One Exitdesk process per embedded data directory: two postmasters (or two
 * supervisors restarting one) on the same files would corrupt them.
 */
export function acquireDataDirLock(dataDir: string): { release: () => void } {
  const file = path.join(dataDir, 'exitdesk.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return {
        release: () => {
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch { /* already gone */ }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid !== process.pid && Number.isInteger(pid) && pid > 0 && isAlive(pid) && isNodeProcess(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      // Stale lock from a process that was killed: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

function isNodeProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (not Linux): assume the worst and refuse
  }
}
