import { sql, type SQL } from 'drizzle-orm';
import type { Actor, SqlActor } from '../../platform/auth/actor.ts';
import { roles } from '../../../contracts/staff.ts';
import { actorMay } from '../../platform/policy/permissions.ts';

/**
 * Need-to-know for cases, in one place. `caseScopeFor` states the rule; the SQL
 * filter and the single-record check below are two readings of that statement,
 * and policy.test.ts shows they agree.
 */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'team'; staffId: string }
  | { kind: 'none' };

export function caseScopeFor(actor: Pick<Actor, 'id' | 'role'>): CaseScope {
  // Managers see every case in the programme.
  if (actor.role === 'manager') return { kind: 'all' };
  // People who work cases see the cases whose team they are on.
  if (actorMay(actor as Actor, 'case:read')) return { kind: 'team', staffId: actor.id };
  // Everyone else (administrator, finance, spokesperson) sees no case content.
  return { kind: 'none' };
}

/** The rule as a WHERE condition on `cases` (aliased as the table itself). */
export function caseScopeSql(scope: CaseScope, caseIdColumn: SQL | string = 'cases.id', staffIdExpr?: SQL): SQL {
  const col = typeof caseIdColumn === 'string' ? sql.raw(caseIdColumn) : caseIdColumn;
  switch (scope.kind) {
    case 'all': return sql`true`;
    case 'none': return sql`false`;
    case 'team': return sql`exists (select 1 from case_team ct where ct.case_id = ${col} and ct.staff_id = ${staffIdExpr ?? scope.staffId})`;
  }
}

/**
 * The same rule, for an actor known only inside the statement: one branch per
 * role, each produced by `caseScopeFor` itself, so there is still one rule.
 */
export function caseScopeSqlForSqlActor(actor: SqlActor, caseIdColumn: string): SQL {
  const branches = roles.map((role) => sql`when ${role} then ${caseScopeSql(caseScopeFor({ id: '00000000-0000-0000-0000-000000000000', role }), caseIdColumn, actor.id)}`);
  return sql`(case ${actor.role} ${sql.join(branches, sql` `)} else false end)`;
}

/** The same rule applied to one case whose team is already known. */
export function caseScopeAllows(scope: CaseScope, facts: { teamStaffIds: readonly string[] }): boolean {
  switch (scope.kind) {
    case 'all': return true;
    case 'none': return false;
    case 'team': return facts.teamStaffIds.includes(scope.staffId);
  }
}

/** Actions on a case the actor can already see (a refusal here is a 403, not a 404). */
export const caseActions = {
  /** Only managers decide who is on a case team. */
  maySetTeam: (actor: Actor) => actor.role === 'manager',
  /** Managers and team members write notes. */
  mayWriteNote: (actor: Actor, facts: { teamStaffIds: readonly string[] }) =>
    actor.role === 'manager' || (actorMay(actor, 'case:note:write') && facts.teamStaffIds.includes(actor.id)),
  /** Only managers read who accessed a case. */
  mayReadAccessLog: (actor: Actor) => actor.role === 'manager',
};
