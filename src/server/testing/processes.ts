import fs from 'node:fs';
import path from 'node:path';

/** The pid the embedded PostgreSQL wrote into its data directory, or 0 when there is none to read. */
export function postmasterPid(dataDir: string): number {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
  } catch { return 0; }
}

/** Whether that PostgreSQL still runs (a zombie has exited already). */
export function postmasterAlive(dataDir: string): boolean {
  const pid = postmasterPid(dataDir);
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch { return false; }
}
