import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

export class StartupRefusedError extends Error {}

/**
 * The audit log is only append-only if the role Exitdesk runs as cannot rewrite
 * it. Refuse to start rather than run with a role that could.
 */
export async function assertRuntimeRoleRestricted(db: Db): Promise<void> {
  // Every append-only table: the log, its sealed order, its checkpoints and the encrypted reasons.
  const r = (await db.execute<{ su: boolean; owner: boolean; upd: boolean; del: boolean }>(sql`
    select (select rolsuper from pg_roles where rolname = current_user) as su,
      coalesce((select bool_or(tableowner = current_user) from pg_tables where schemaname = 'public'
        and tablename in ('audit_events', 'audit_leaves', 'audit_checkpoints', 'audit_reasons')), false) as owner,
      bool_or(has_table_privilege(t, 'UPDATE')) as upd, bool_or(has_table_privilege(t, 'DELETE') or has_table_privilege(t, 'TRUNCATE')) as del
    from unnest(array['audit_events', 'audit_leaves', 'audit_checkpoints', 'audit_reasons']) as t`)).rows[0];
  if (!r) return;
  if (r.su || r.owner || r.upd || r.del) {
    throw new StartupRefusedError('The database role in DATABASE_URL can rewrite the audit log (it is a superuser, owns the tables, or has UPDATE/DELETE on them). '
      + 'Run Exitdesk as a separate restricted role: set DATABASE_OWNER_URL to the owner role (used for migrations) and DATABASE_URL to a role without those rights; see README "External PostgreSQL".');
  }
}
