import { sql, type SQL } from 'drizzle-orm';
import type { ListCasesQuery } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { caseScopeFor, caseScopeSql } from './policy.ts';

export type CaseListRow = {
  id: string; codename: string; status: string; programmeId: string; programmeName: string; leadName: string | null;
  screeningLevel: 'low' | 'moderate' | 'high' | null; protectionNeeded: boolean; createdAt: string; myTeamRole: 'lead' | 'member' | null;
};

/** Keyset cursor over (created_at, id): stable while cases are added, and cheap at any depth. */
export function encodeCursor(row: { createdAt: string; id: string }): string {
  return Buffer.from(`${new Date(row.createdAt).toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
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
      (select ct.role from case_team ct where ct.case_id = c.id and ct.staff_id = ${actor.id}) as "myTeamRole"
    from cases c join programmes p on p.id = c.programme_id
    where ${sql.join(where, sql` and `)}
    order by c.created_at desc, c.id desc limit ${q.limit + 1}`;
}
