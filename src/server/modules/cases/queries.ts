import { sql, type SQL } from 'drizzle-orm';
import type { Actor, SqlActor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { caseScopeFor, caseScopeSql, caseScopeSqlForSqlActor } from './policy.ts';

export type VisibleCase = {
  id: string;
  codename: string;
  status: string;
  createdAt: string;
  team: { staffId: string; name: string; role: 'lead' | 'member' }[];
};

const scope = (actor: Actor | SqlActor) => ('sessionIdHash' in actor
  ? caseScopeSql(caseScopeFor(actor), 'c.id')
  : caseScopeSqlForSqlActor(actor, 'c.id'));

/** The case with its team, if the actor may see it: one row or none. The scope is part of the WHERE. */
export function visibleCaseSql(actor: Actor | SqlActor, id: string): SQL {
  return sql`select c.id, c.codename, c.status, c.created_at as "createdAt",
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'name', st.display_name, 'role', t.role) order by t.role, st.display_name)
        from case_team t join staff st on st.id = t.staff_id where t.case_id = c.id), '[]'::json) as team
    from cases c where c.id = ${id} and ${scope(actor)}`;
}

/** The case if the actor may see it, else null — the same null as for a case that does not exist. */
export async function findVisibleCase(tx: Tx, actor: Actor, id: string): Promise<VisibleCase | null> {
  const row = (await tx.execute<VisibleCase>(visibleCaseSql(actor, id))).rows[0];
  return row ? { ...row, createdAt: new Date(row.createdAt).toISOString() } : null;
}

export type NoteRow = { id: string; textEnc: string; authorId: string; authorName: string; createdAt: string };

/** Notes of a visible case, newest first: one row (the case) or none, so an empty case still counts as visible. */
export function visibleCaseNotesSql(actor: Actor | SqlActor, id: string): SQL {
  return sql`select c.id,
      coalesce((select json_agg(json_build_object('id', n.id, 'textEnc', encode(n.text_enc, 'base64'), 'authorId', n.author_id,
          'authorName', st.display_name, 'createdAt', n.created_at) order by n.created_at desc)
        from (select * from case_notes where case_id = c.id order by created_at desc limit 500) n join staff st on st.id = n.author_id), '[]'::json) as notes
    from cases c where c.id = ${id} and ${scope(actor)}`;
}

export function visibleCasesSql(actor: Actor, opts: { limit: number; search?: string | undefined }): SQL {
  const search = opts.search ? sql`and c.codename ilike ${'%' + opts.search.replace(/[%_\\]/g, '\\$&') + '%'}` : sql``;
  return sql`select c.id, c.codename, c.status, c.created_at as "createdAt",
      (select ct.role from case_team ct where ct.case_id = c.id and ct.staff_id = ${actor.id}) as "myTeamRole"
    from cases c where ${scope(actor)} ${search}
    order by c.created_at desc limit ${opts.limit}`;
}

export type AccessRow = { at: string; actorId: string | null; actorName: string | null; actorRole: string | null; action: string; outcome: string; reason: string | null };

/** Access log of a visible case, newest first (callers have checked the actor may read it). */
export function caseAccessSql(actor: Actor, id: string, limit: number): SQL {
  return sql`select c.id, coalesce((select json_agg(x order by x.seq desc) from (
        select e.seq, e.occurred_at as at, e.actor_id as "actorId", st.display_name as "actorName", e.actor_role as "actorRole", e.action, e.outcome, e.reason
        from audit_events e left join staff st on st.id = e.actor_id where e.case_id = c.id order by e.seq desc limit ${limit}) x), '[]'::json) as entries
    from cases c where c.id = ${id} and ${scope(actor)}`;
}
