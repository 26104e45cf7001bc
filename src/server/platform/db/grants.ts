import type pg from 'pg';

const APPEND_ONLY = ['audit_events', 'audit_leaves', 'audit_checkpoints', 'audit_reasons'];

/**
 * The runtime role reads and writes ordinary tables but may only INSERT and
 * SELECT the audit trail, so even a compromised Exitdesk process cannot rewrite it.
 *
 * The audit tables never receive UPDATE/DELETE, not even for an instant: another
 * instance checking its role at that moment would refuse to start. One transaction
 * keeps the whole change invisible until it is complete.
 */
export async function grantRuntimePrivileges(client: pg.Client, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  const owner = (await client.query<{ u: string }>('select current_user as u')).rows[0]?.u;
  if (owner === role) return;
  const tables = (await client.query<{ t: string }>(
    `select tablename as t from pg_tables where schemaname = 'public' order by tablename`)).rows.map((x) => x.t);
  await client.query('begin');
  try {
    await client.query(`grant usage on schema public to ${r}`);
    for (const table of tables) {
      const t = client.escapeIdentifier(table);
      if (APPEND_ONLY.includes(table)) {
        await client.query(`revoke update, delete, truncate on ${t} from ${r}`);
        await client.query(`grant select, insert on ${t} to ${r}`);
      } else {
        await client.query(`grant select, insert, update, delete on ${t} to ${r}`);
      }
    }
    await client.query(`grant usage, select on all sequences in schema public to ${r}`);
    // Migration bookkeeping is the owner's business alone.
    const drizzleSchema = (await client.query(`select 1 from pg_namespace where nspname = 'drizzle'`)).rowCount;
    if (drizzleSchema) await client.query(`revoke all on all tables in schema drizzle from ${r}`);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
}
