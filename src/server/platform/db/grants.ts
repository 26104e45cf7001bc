import type pg from 'pg';

const APPEND_ONLY = ['audit_events', 'audit_leaves', 'audit_checkpoints'];

/**
 * The runtime role reads and writes ordinary tables but may only INSERT and
 * SELECT the audit trail, so even a compromised Exitdesk process cannot rewrite it.
 */
export async function grantRuntimePrivileges(client: pg.Client, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  const owner = (await client.query<{ u: string }>('select current_user as u')).rows[0]?.u;
  if (owner === role) return;
  await client.query(`grant usage on schema public to ${r}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
  await client.query(`grant usage, select on all sequences in schema public to ${r}`);
  for (const table of APPEND_ONLY) {
    await client.query(`revoke update, delete, truncate on ${client.escapeIdentifier(table)} from ${r}`);
  }
  // Migration bookkeeping is the owner's business alone.
  await client.query(`revoke all on all tables in schema drizzle from ${r}`).catch(() => undefined);
}
