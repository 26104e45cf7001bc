import { sql, type SQL } from 'drizzle-orm';
import type { CaseState } from '../../../contracts/intake.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { accessBasis, type CaseFacts } from '../cases/policy.ts';

/**
 * Who may see and change the protection side of a case (C3), as sentences.
 * The case's own visibility (caseScopeFor) comes first: a case the actor may not
 * see is a 404 before any of this is asked.
 *
 * - Threat analysis, the shielding plan and the threat logbook: managers and the
 *   case team (which includes the case's security officer). An emergency
 *   (break-the-glass) reader does not see them.
 * - The emergency plan: also an emergency reader — it exists for emergencies.
 * - Sealed parts (safe locations, relocation): managers and the case's security
 *   officer only (a security officer on the case team).
 * - Changes: the same people, while the case is not closed; emergency readers never change anything.
 */
export type ProtectionPart = 'threats' | 'shield' | 'emergency' | 'logbook' | 'sealed';

const isManager = (actor: Pick<Actor, 'role'>) => actor.role === 'manager';
const onTeam = (actor: Pick<Actor, 'id'>, facts: Pick<CaseFacts, 'team'>) => facts.team.some((t) => t.staffId === actor.id);
/** The case's security officer: a security officer on its team. */
const isCaseSecurityOfficer = (actor: Pick<Actor, 'id' | 'role'>, facts: Pick<CaseFacts, 'team'>) => actor.role === 'security_officer' && onTeam(actor, facts);

export const protectionPolicy = {
  mayRead(actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, part: ProtectionPart): boolean {
    switch (part) {
      case 'sealed': return isManager(actor) || isCaseSecurityOfficer(actor, facts);
      case 'emergency': return accessBasis(actor, facts) !== null;
      default: return isManager(actor) || onTeam(actor, facts);
    }
  },
  mayWrite(actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, part: ProtectionPart, state: CaseState): boolean {
    if (state === 'closed') return false;
    if (part === 'sealed') return isManager(actor) || isCaseSecurityOfficer(actor, facts);
    return isManager(actor) || onTeam(actor, facts);
  },
};

/**
 * `protectionPolicy.mayRead` as a SQL condition on a case id column, for reads and
 * lists that filter in the statement. policy.test.ts shows the two readings agree.
 */
export function protectionReadSql(actor: Pick<Actor, 'id' | 'role'>, part: ProtectionPart, caseIdColumn: string): SQL {
  const col = sql.raw(caseIdColumn);
  const manager = sql`${actor.role}::text = 'manager'`;
  const team = sql`exists (select 1 from case_team t where t.case_id = ${col} and t.staff_id = ${actor.id}::uuid)`;
  const grant = sql`exists (select 1 from break_glass_grants g where g.case_id = ${col} and g.staff_id = ${actor.id}::uuid and g.expires_at > now())`;
  switch (part) {
    case 'sealed': return sql`(${manager} or (${actor.role}::text = 'security_officer' and ${team}))`;
    case 'emergency': return sql`(${manager} or (${actor.role}::text in ('exit_worker','security_officer') and (${team} or ${grant})))`;
    default: return sql`(${manager} or ${team})`;
  }
}
