import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { isAlive } from './data-dir-lock.ts';
import { APP_ROLE, startEmbeddedPostgres, waitForConnection, type EmbeddedPostgres } from './embedded.ts';
import type { Config } from '../config/config.ts';

export type DatabaseEndpoints = {
  runtimeUrl: string;
  ownerUrl: string;
  /** Role the runtime connects as, to receive grants; null when owner and runtime are the same role. */
  runtimeRole: string | null;
  embedded: EmbeddedPostgres | null;
};

const endpointFile = (dataDir: string) => path.join(dataDir, 'run-endpoint.json');

function roleOf(url: string): string | null {
  try { return decodeURIComponent(new URL(url).username) || null; } catch { return null; }
}

/**
 * External PostgreSQL when DATABASE_URL is set; otherwise the embedded server,
 * started here — or, for CLI commands while Exitdesk runs, the running one.
 */
export async function openDatabase(config: Config, logger: Logger, opts: { shareRunning?: boolean; unsafeNoFsync?: boolean } = {}): Promise<DatabaseEndpoints> {
  if (config.databaseUrl) {
    const owner = config.databaseOwnerUrl ?? config.databaseUrl;
    await waitForConnection(owner, 30_000);
    const runtimeRole = config.databaseOwnerUrl ? roleOf(config.databaseUrl) : null;
    return { runtimeUrl: config.databaseUrl, ownerUrl: owner, runtimeRole, embedded: null };
  }
  if (opts.shareRunning) {
    const file = endpointFile(config.dataDir);
    if (fs.existsSync(file)) {
      const info = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; runtimeUrl: string; ownerUrl: string };
      if (isAlive(info.pid)) return { runtimeUrl: info.runtimeUrl, ownerUrl: info.ownerUrl, runtimeRole: APP_ROLE, embedded: null };
    }
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, unsafeNoFsync: opts.unsafeNoFsync ?? false });
  fs.writeFileSync(endpointFile(config.dataDir), JSON.stringify({ pid: process.pid, runtimeUrl: embedded.appUrl, ownerUrl: embedded.ownerUrl }), { mode: 0o600 });
  const stop = embedded.stop;
  embedded.stop = async () => {
    fs.rmSync(endpointFile(config.dataDir), { force: true });
    await stop();
  };
  return { runtimeUrl: embedded.appUrl, ownerUrl: embedded.ownerUrl, runtimeRole: APP_ROLE, embedded };
}
