#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { createLogger } from '../server/platform/config/logger.ts';
import { ConfigError, loadConfig } from '../server/platform/config/config.ts';
import { safeErrorFields } from '../server/platform/http/errors.ts';
import { serveCommand } from './serve.ts';
import { auditVerifyCommand } from './audit-verify.ts';
import { userCreateCommand } from './user-create.ts';
import { migrateCommand } from './migrate.ts';
import { demoCommand } from './demo.ts';
import { generateCommand } from './generate.ts';
import { instrumentsImportCommand } from './instruments-import.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
const program = new Command();
program.name('exitdesk').description('Exitdesk: case and safety management for exit programmes').version(version).showHelpAfterError();

program.command('serve').description('start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .option('--demo', 'load a fictional demo programme on first start and print its logins')
  .action(async (o: { demo?: boolean }) => serveCommand({ demo: o.demo ?? false }));

program.command('migrate').description('apply database migrations and exit').action(() => migrateCommand());

program.command('demo').description('load the fictional demo programme into the database and print its logins')
  .option('--cases <n>', 'number of cases', '12')
  .action(async (o: { cases: string }) => demoCommand({ cases: Number(o.cases) }));

program.command('generate').description('add fictional bulk data (programmes, workers, cases, notes, timeline, audit history), with a progress bar')
  .requiredOption('--cases <n>', 'number of cases')
  .option('--notes <n>', 'notes per case', '2')
  .option('--assign-email <email>', 'put this staff member on the first cases as lead (benchmarks)')
  .option('--assign-count <n>', 'how many cases to assign to --assign-email', '50')
  .option('--alongside-real-data', 'generate even though the database already holds cases that were not generated')
  .action(async (o: { cases: string; notes: string; assignEmail?: string; assignCount: string; alongsideRealData?: boolean }) =>
    generateCommand({ cases: Number(o.cases), notes: Number(o.notes), assignEmail: o.assignEmail, assignCount: Number(o.assignCount), alongsideRealData: o.alongsideRealData ?? false }));

const user = program.command('user').description('staff accounts');
user.command('create').description('create a staff account (prints JSON {"id","totpUri"})')
  .requiredOption('--email <email>', 'e-mail address (sign-in name)')
  .requiredOption('--name <name>', 'real name, as shown in the directory')
  .addOption(new Option('--role <role>', 'role').choices(['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator']).makeOptionMandatory())
  .option('--password-stdin', 'read the password from standard input')
  .action(async (o: { email: string; name: string; role: string; passwordStdin?: boolean }) => userCreateCommand(o));

program.command('instruments').description('risk assessment instruments').command('import <file>').description('load an instrument definition (JSON, docs/risk-instrument.md); prints each problem with its place, exits 1 if any')
  .action(async (file: string) => instrumentsImportCommand({ file }));

const audit = program.command('audit').description('the tamper-evident audit log');
audit.command('verify').description('recompute every entry and checkpoint; exit 1 naming the first bad entry')
  .option('--json', 'print the report as JSON')
  .action(async (o: { json?: boolean }) => auditVerifyCommand({ json: o.json ?? false }));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  // Our own errors carry messages written for people; anything else may quote data, so only its type is shown.
  const ours = e instanceof Error && (e.constructor === Error || ['DataDirInUseError', 'MasterKeyError', 'ConfigError', 'AppError', 'StartupRefusedError'].includes(e.constructor.name));
  createLogger('error').error(safeErrorFields(e), 'command failed');
  process.stderr.write(`exitdesk: ${ours ? (e as Error).message : `unexpected ${(e as Error)?.name ?? 'error'}; see the log line above`}\n`);
  process.exit(1);
}

export { loadConfig };
