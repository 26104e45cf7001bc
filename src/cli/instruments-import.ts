import fs from 'node:fs';
import { checkInstrument } from '../contracts/risk.ts';
import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { importInstrument } from '../server/modules/risk/commands/import-instrument.ts';
import { AppError } from '../server/platform/http/errors.ts';
import { openRuntime } from '../server/runtime.ts';

/**
 * Loads a risk instrument definition (docs/risk-instrument.md) as the system, audited.
 * A file with problems is refused before the database is opened: every problem is
 * printed with its place in the file, and the exit status is 1.
 */
export async function instrumentsImportCommand(o: { file: string }): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(o.file, 'utf8'));
  } catch (e) {
    throw new Error(`${o.file} could not be read as JSON: ${(e as Error).message}`);
  }
  const checked = checkInstrument(raw);
  if (!checked.ok) {
    process.stderr.write(`${o.file} is not a valid instrument file (${checked.errors.length} ${checked.errors.length === 1 ? 'problem' : 'problems'}):\n`);
    for (const e of checked.errors) process.stderr.write(`  ${e.path}: ${e.message}\n`);
    process.exitCode = 1;
    return;
  }
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel), { shareRunning: true });
  try {
    const out = await importInstrument({ db: runtime.ctx.db, actor: null, requestId: 'cli:instruments-import', raw });
    process.stdout.write(JSON.stringify(out) + '\n');
  } catch (e) {
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  } finally {
    await runtime.close();
  }
}
