import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who sees a visit's details (purpose, place, case): managers; the person whose
 * visit it is; the team of the visit's case; and whoever an alert about the visit
 * was sent to (they must know where to go). Everyone else sees only "field visit,
 * back by 15:30". `visitDetailSql` and `visitDetailAllows` read this one rule;
 * policy.test.ts shows they agree.
 */
export type VisitScope = { kind: 'all' } | { kind: 'involved'; staffId: string };

export function visitScopeFor(actor: Pick<Actor, 'id' | 'role'>): VisitScope {
  return actor.role === 'manager' ? { kind: 'all' } : { kind: 'involved', staffId: actor.id };
}

export type VisitFacts = { staffId: string; caseTeam: readonly string[]; alertRecipients: readonly string[] };

export function visitDetailAllows(scope: VisitScope, facts: VisitFacts): boolean {
  if (scope.kind === 'all') return true;
  return facts.staffId === scope.staffId || facts.caseTeam.includes(scope.staffId) || facts.alertRecipients.includes(scope.staffId);
}

/** The rule as a boolean SQL expression over a visits row aliased `v`. */
export function visitDetailSql(scope: VisitScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  const me = scope.staffId;
  return sql`(v.staff_id = ${me}
    or (v.case_id is not null and exists (select 1 from case_team ct where ct.case_id = v.case_id and ct.staff_id = ${me}))
    or exists (select 1 from safety_alerts a join notifications n on n.alert_id = a.id where a.visit_id = v.id and n.recipient_id = ${me}))`;
}

export const safetyPolicy = {
  /** Only the person themself starts, checks in and checks out of their visit. */
  mayRunVisit: (actor: Pick<Actor, 'id'>, visit: { staffId: string }) => actor.id === visit.staffId,
  /** Managers and the person themself may cancel a planned entry. */
  mayCancel: (actor: Pick<Actor, 'id' | 'role'>, visit: { staffId: string }) => actor.id === visit.staffId || actor.role === 'manager',
  /** A recipient of the alert (or any manager) takes it over; nobody acknowledges an alarm about themself. */
  mayAcknowledge: (actor: Pick<Actor, 'id' | 'role'>, alert: { staffId: string; recipients: readonly string[] }) =>
    actor.id !== alert.staffId && (actor.role === 'manager' || alert.recipients.includes(actor.id)),
};
