import { sql, type SQL } from 'drizzle-orm';
import type { ListCasesQuery } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { caseScopeFor, caseScopeSql } from './policy.ts';

export type CaseListRow = {
  id: string; codename: string; status: string; programmeId: string; programmeName: string; leadName: string | null;
  screeningLevel: 'low' | 'moderate' | 'high' | null; protectionNeeded: boolean; createdAt: string; myTeamRole: 'lead' | 'member' | null;
  /** created_at to the microsecond, as PostgreSQL stores it: a JavaScript Date would cut it to milliseconds and skip rows. */
  cursorAt: string;
};

/** Keyset cursor over (created_at, id): stable while cases are added, and cheap at any depth. */
export function encodeCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`, 'utf8').toString('base64url');
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Strict, so that nothing a client makes up reaches PostgreSQL as a cast that fails with a 500. */
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [createdAt, id] = parts;
  // Round-tripped through Date: "2030-02-30" or year 0 parse in JavaScript but are out of range for PostgreSQL.
  const real = (t: string) => { const d = new Date(t); return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 19) === t.slice(0, 19); };
  if (parts.length !== 2 || !createdAt || !id || !CURSOR_TIME.test(createdAt) || !real(createdAt) || !UUID.test(id)) {
    throw new AppError(400, 'invalid_cursor', 'This page link is no longer valid. Start from the first page.', [{ path: 'after', code: 'invalid_cursor', message: 'Invalid page cursor' }]);
  }
  return { createdAt, id };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** One page of the cases the actor may see, newest first; fetches one extra row to know whether a next page exists. */
export function visibleCasesSql(actor: Actor, q: ListCasesQuery): SQL {
  const where: SQL[] = [caseScopeSql(caseScopeFor(actor), 'c.id')];
  if (q.q) where.push(sql`c.codename ilike ${'%' + escapeLike(q.q) + '%'}`);
  if (q.programme) where.push(sql`c.programme_id = ${q.programme}`);
  if (q.state) where.push(sql`c.status = ${q.state}`);
  if (q.lead) where.push(sql`exists (select 1 from case_team lt where lt.case_id = c.id and lt.staff_id = ${q.lead} and lt.role = 'lead')`);
  if (q.screening === 'none') where.push(sql`c.screening_level is null`);
  else if (q.screening === 'protection') where.push(sql`c.protection_needed`);
  else if (q.screening) where.push(sql`c.screening_level = ${q.screening}`);
  if (q.after) {
    const cur = decodeCursor(q.after);
    where.push(sql`(c.created_at, c.id) < (${cur.createdAt}::timestamptz, ${cur.id}::uuid)`);
  }
  return sql`select c.id, c.codename, c.status, c.programme_id as "programmeId", p.name as "programmeName",
      (select st.display_name from case_team lt join staff st on st.id = lt.staff_id where lt.case_id = c.id and lt.role = 'lead' limit 1) as "leadName",
      c.screening_level as "screeningLevel", c.protection_needed as "protectionNeeded", c.created_at as "createdAt",
      to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt",
      (select ct.role from case_team ct where ct.case_id = c.id and ct.staff_id = ${actor.id}) as "myTeamRole"
    from cases c join programmes p on p.id = c.programme_id
    where ${sql.join(where, sql` and `)}
    order by c.created_at desc, c.id desc limit ${q.limit + 1}`;
}
