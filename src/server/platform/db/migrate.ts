import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { grantRuntimePrivileges } from './grants.ts';
import { installJobSchema } from '../jobs/boss.ts';
import { installBuiltinInstruments } from '../../modules/risk/builtin.ts';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same for every Exitdesk instance.
const MIGRATION_LOCK = 7_303_118_001;

/**
 * Applies pending migrations as the schema owner. Several instances may start
 * at once: a session advisory lock lets exactly one migrate while the others wait.
 */
export async function runMigrations(opts: { ownerUrl: string; runtimeRole: string | null }): Promise<void> {
  const client = new pg.Client({ connectionString: opts.ownerUrl, application_name: 'exitdesk-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('set client_min_messages = warning');
      await migrate(drizzle(client), { migrationsFolder });
      if (opts.runtimeRole) await grantRuntimePrivileges(client, opts.runtimeRole);
      // The job queue's tables too are created by the owner, never by the runtime role.
      await installJobSchema(client, { ownerUrl: opts.ownerUrl, runtimeRole: opts.runtimeRole });
      // Reference data every installation has: Exitdesk's own risk screening instrument.
      await installBuiltinInstruments(client);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}
