import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { openRuntime } from '../server/runtime.ts';

export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger(config.logLevel), { shareRunning: true });
  await runtime.close();
  process.stdout.write('Database is up to date.\n');
}
