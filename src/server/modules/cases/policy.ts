import { sql, type SQL } from 'drizzle-orm';
import type { AccessBasis, NoteLevel } from '../../../contracts/cases.ts';
import type { CaseState } from '../../../contracts/intake.ts';
import { roles } from '../../../contracts/staff.ts';
import type { Actor, SqlActor } from '../../platform/auth/actor.ts';
import { actorMay } from '../../platform/policy/permissions.ts';

/**
 * Need-to-know for cases, in one place. `caseScopeFor` states the rule; the SQL
 * filter and the single-record check below are readings of that statement, and
 * policy.test.ts shows they agree.
 */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'team'; staffId: string }
  | { kind: 'none' };

export function caseScopeFor(actor: Pick<Actor, 'id' | 'role'>): CaseScope {
  // Managers see every case of the organisation.
  if (actor.role === 'manager') return { kind: 'all' };
  // People who work cases see the cases whose team they are on, and a case they opened
  // in an emergency (break the glass) until that access expires.
  if (actorMay(actor as Actor, 'case:read')) return { kind: 'team', staffId: actor.id };
  // Everyone else (administrator, finance, spokesperson) sees no case content.
  return { kind: 'none' };
}

const onTeamSql = (caseId: SQL, staffId: SQL | string) => sql`exists (select 1 from case_team ct where ct.case_id = ${caseId} and ct.staff_id = ${staffId})`;
const liveGrantSql = (caseId: SQL, staffId: SQL | string) =>
  sql`exists (select 1 from break_glass_grants g where g.case_id = ${caseId} and g.staff_id = ${staffId} and g.expires_at > now())`;

/** The rule as a WHERE condition on a case id column. */
export function caseScopeSql(scope: CaseScope, caseIdColumn: SQL | string = 'cases.id', staffIdExpr?: SQL): SQL {
  const col = typeof caseIdColumn === 'string' ? sql.raw(caseIdColumn) : caseIdColumn;
  switch (scope.kind) {
    case 'all': return sql`true`;
    case 'none': return sql`false`;
    case 'team': {
      // An IN over the person's own few cases lets PostgreSQL start from them instead of testing every case.
      const who = staffIdExpr ?? scope.staffId;
      return sql`${col} in (select ct.case_id from case_team ct where ct.staff_id = ${who}
        union all select g.case_id from break_glass_grants g where g.staff_id = ${who} and g.expires_at > now())`;
    }
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

export type CaseFacts = {
  team: readonly { staffId: string; role: 'lead' | 'member'; identityAccess: boolean }[];
  /** Staff with unexpired break-glass access to this case. */
  breakGlassStaffIds: readonly string[];
};

/** The same rule applied to one case whose team and grants are known. */
export function caseScopeAllows(scope: CaseScope, facts: CaseFacts): boolean {
  switch (scope.kind) {
    case 'all': return true;
    case 'none': return false;
    case 'team': return facts.team.some((t) => t.staffId === scope.staffId) || facts.breakGlassStaffIds.includes(scope.staffId);
  }
}

/** On what basis the actor sees the case (null: not at all). Team membership wins over an emergency grant. */
export function accessBasis(actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts): AccessBasis | null {
  const scope = caseScopeFor(actor);
  if (!caseScopeAllows(scope, facts)) return null;
  if (scope.kind === 'all') return 'manager';
  return facts.team.some((t) => t.staffId === actor.id) ? 'team' : 'break_glass';
}

/** `accessBasis` as a SQL expression (for the audit entry of a one-statement read). */
export function accessBasisSql(actor: SqlActor | Pick<Actor, 'id' | 'role'>, caseIdColumn: string): SQL {
  const col = sql.raw(caseIdColumn);
  const id = typeof actor.id === 'string' ? sql`${actor.id}::uuid` : actor.id;
  const role = typeof actor.role === 'string' ? sql`${actor.role}::text` : actor.role;
  return sql`(case when ${role} = 'manager' then 'manager' when ${onTeamSql(col, id)} then 'team' when ${liveGrantSql(col, id)} then 'break_glass' end)`;
}

const member = (actor: Pick<Actor, 'id'>, facts: CaseFacts) => facts.team.find((t) => t.staffId === actor.id);
const isManager = (actor: Pick<Actor, 'role'>) => actor.role === 'manager';
const isLead = (actor: Pick<Actor, 'id'>, facts: CaseFacts) => member(actor, facts)?.role === 'lead';

export type Transition = 'intake' | 'active' | 'suspended' | 'resumed' | 'closed' | 'reopened';

/** Which states each transition leaves from; anything else is a 409 naming the current state. */
export const transitionsFrom: Record<Transition, readonly CaseState[]> = {
  intake: ['referral'],
  active: ['intake'],
  suspended: ['active'],
  resumed: ['suspended'],
  closed: ['referral', 'intake', 'active', 'suspended'],
  reopened: ['closed'],
};

/**
 * Actions on a case the actor can already see (a refusal here is a 403, not a 404),
 * readable as sentences. Break-glass access is for reading and noting in an
 * emergency: it never changes the case, its team or its identity.
 */
export const caseActions = {
  /** Managers and team members record the referral, the eligibility facts and the gate items, until the case is accepted. */
  mayEditIntake: (actor: Actor, facts: CaseFacts, state: CaseState) =>
    (state === 'referral' || state === 'intake') && (isManager(actor) || !!member(actor, facts)),
  /** Managers and team members record risk screenings while the case is open. */
  mayScreen: (actor: Actor, facts: CaseFacts, state: CaseState) => state !== 'closed' && (isManager(actor) || !!member(actor, facts)),
  /** Managers and the lead worker start intake, suspend and resume; only managers accept, close and reopen. */
  mayTransition: (actor: Actor, facts: CaseFacts, to: Transition) =>
    isManager(actor) || ((to === 'intake' || to === 'suspended' || to === 'resumed') && isLead(actor, facts)),
  /** Managers and team members record the client agreement and conduct incidents while the case is open. */
  mayRecordAgreement: (actor: Actor, facts: CaseFacts, state: CaseState) => state !== 'closed' && state !== 'referral' && (isManager(actor) || !!member(actor, facts)),
  mayRecordIncident: (actor: Actor, facts: CaseFacts, state: CaseState) => state !== 'closed' && (isManager(actor) || !!member(actor, facts)),
  /** Only managers warn or dismiss a client. */
  mayDecideConduct: (actor: Actor) => isManager(actor),
  /** Only managers decide who is on a case team. */
  maySetTeam: (actor: Actor) => isManager(actor),
  /** The sealed identity: managers, and team members explicitly given identity access. */
  mayUseIdentity: (actor: Actor, facts: CaseFacts) => isManager(actor) || member(actor, facts)?.identityAccess === true,
  /** Managers, team members and emergency (break-glass) readers write notes. */
  mayWriteNote: (actor: Actor, facts: CaseFacts) => isManager(actor) || (actorMay(actor, 'case:note:write') && accessBasis(actor, facts) !== null),
  /** Team notes: everyone who sees the case; restricted: the lead worker and managers; sealed: managers only. */
  mayReadNote: (actor: Actor, facts: CaseFacts, level: NoteLevel) =>
    level === 'team' ? accessBasis(actor, facts) !== null : level === 'restricted' ? isManager(actor) || isLead(actor, facts) : isManager(actor),
  /** A note may be chosen at a level its writer can read. */
  mayWriteNoteAt: (actor: Actor, facts: CaseFacts, level: NoteLevel) => caseActions.mayReadNote(actor, facts, level),
  /** The author corrects their own note (if they still may write); managers correct any. */
  mayCorrectNote: (actor: Actor, facts: CaseFacts, authorId: string) => isManager(actor) || (authorId === actor.id && caseActions.mayWriteNote(actor, facts)),
  /** Only managers read who accessed a case. */
  mayReadAccessLog: (actor: Actor) => isManager(actor),
};

/** `mayReadNote` as a SQL condition on notes aliased `n` of the case in `caseIdColumn`. */
export function noteVisibleSql(actor: SqlActor | Pick<Actor, 'id' | 'role'>, caseIdColumn: string): SQL {
  const id = typeof actor.id === 'string' ? sql`${actor.id}::uuid` : actor.id;
  const role = typeof actor.role === 'string' ? sql`${actor.role}::text` : actor.role;
  const lead = sql`exists (select 1 from case_team lt where lt.case_id = ${sql.raw(caseIdColumn)} and lt.staff_id = ${id} and lt.role = 'lead')`;
  return sql`(n.level = 'team' or (n.level = 'restricted' and (${role} = 'manager' or ${lead})) or (n.level = 'sealed' and ${role} = 'manager'))`;
}
