import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { queryPrepared } from '../db/prepared.ts';
import type { AuditContext, AuditEntry } from './record.ts';

/**
 * Runs a scoped SELECT and writes its audit entry in one statement (one implicit
 * transaction, one round trip): the entry says "success" when the scope let rows
 * through and uses `whenEmpty` otherwise. If the entry cannot be written the
 * statement fails and no data is returned.
 */
export async function auditedRead<Row>(db: Db | Tx, ctx: AuditContext, opts: { select: SQL; entry: AuditEntry; whenEmpty: AuditEntry; basis?: SQL }): Promise<Row[]> {
  const { entry: hit, whenEmpty: miss } = opts;
  const pick = (a: string | undefined, b: string | undefined) => sql`case when s.n > 0 then ${a ?? null}::text else ${b ?? null}::text end`;
  const result = await queryPrepared<{ auditSeq: number; rows: Row[] }>(db, sql`
    with r as (${opts.select}),
    s as (select count(*) as n from r),
    a as (
      insert into audit_events (actor_id, actor_role, action, object_type, object_id, case_id, outcome, request_id, reason, basis)
      select ${ctx.actor?.id ?? null}::uuid, ${ctx.actor?.role ?? null}, ${pick(hit.action, miss.action)}, ${pick(hit.objectType, miss.objectType)},
        ${pick(hit.objectId, miss.objectId)}, (${pick(hit.caseId, miss.caseId)})::uuid, ${pick(hit.outcome, miss.outcome)}, ${ctx.requestId},
        ${pick(hit.reason, miss.reason)}, ${opts.basis ?? sql`null`}
      from s
      returning seq
    )
    select (select seq from a) as "auditSeq", (select coalesce(json_agg(r), '[]'::json) from r) as rows`);
  const row = result[0];
  if (!row || row.auditSeq == null) throw new Error('audit entry was not written');
  return row.rows;
}
