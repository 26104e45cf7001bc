import { sql, type SQL } from 'drizzle-orm';
import type { CaseState } from '../../../contracts/intake.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CaseFacts } from '../cases/policy.ts';

/**
 * Structured risk assessment, as sentences.
 * - Managers and the case team read a case's assessments (an emergency reader does not).
 * - The same people start and save drafts while the case is not closed.
 * - Signing needs that, and for an instrument that requires certification, a
 *   certification of that name on the signer's staff record that has not expired —
 *   managers included: certification is about the person, not the rank.
 * - Only managers load instrument definitions.
 */
const isManager = (actor: Pick<Actor, 'role'>) => actor.role === 'manager';
const onTeam = (actor: Pick<Actor, 'id'>, facts: Pick<CaseFacts, 'team'>) => facts.team.some((t) => t.staffId === actor.id);

export const riskPolicy = {
  mayRead: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts) => isManager(actor) || onTeam(actor, facts),
  mayDraft: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, state: CaseState) => state !== 'closed' && (isManager(actor) || onTeam(actor, facts)),
  maySign: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, state: CaseState, instrument: { requiresCertification: boolean }, certified: boolean) =>
    riskPolicy.mayDraft(actor, facts, state) && (!instrument.requiresCertification || certified),
  mayImportInstrument: (actor: Pick<Actor, 'role'>) => isManager(actor),
};

/** `riskPolicy.mayRead` as a SQL condition on a case id column (see policy.test.ts). */
export function riskReadSql(actor: Pick<Actor, 'id' | 'role'>, caseIdColumn: string): SQL {
  const col = sql.raw(caseIdColumn);
  return sql`(${actor.role}::text = 'manager' or exists (select 1 from case_team t where t.case_id = ${col} and t.staff_id = ${actor.id}::uuid))`;
}

/** True when the staff member holds an unexpired certification of this name (on `onDate`, YYYY-MM-DD). */
export function certifiedSql(staffId: string, certificationName: string, onDate: string): SQL {
  return sql`exists (select 1 from staff_qualifications q where q.staff_id = ${staffId}::uuid and q.kind = 'certification'
    and lower(q.name) = lower(${certificationName}) and q.obtained_on <= ${onDate}::date and (q.expires_on is null or q.expires_on >= ${onDate}::date))`;
}

/**
 * Whose dashboard shows a case's due risk review: managers see every case's; anyone
 * else the cases they lead (case_team.role = 'lead') — the review is the lead's task,
 * so team members are not reminded of it. As a SQL condition on a case id column.
 */
export function reviewDutySql(actor: Pick<Actor, 'id' | 'role'>, caseIdColumn: string): SQL {
  const col = sql.raw(caseIdColumn);
  return sql`(${actor.role}::text = 'manager' or exists (select 1 from case_team t where t.case_id = ${col} and t.staff_id = ${actor.id}::uuid and t.role = 'lead'))`;
}
