import { sql } from 'drizzle-orm';
import type { BoardEntry, SafetyAlert, VisitDetail } from '../../../contracts/safety.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { caseScopeFor, caseScopeSql } from '../cases/policy.ts';
import { visitDetailSql, visitScopeFor } from './policy.ts';
import { chainFor } from './chain-config.ts';
import { auditRow } from '../../platform/audit/record.ts';
import { auditEvents } from '../../platform/audit/tables.ts';

export const visitPlace = (id: string, column: 'purpose_enc' | 'location_enc' | 'home_visit_reason_enc') => ({ table: 'visits', column, rowId: id });

type VisitRow = {
  id: string; staffId: string; staffName: string; kind: BoardEntry['kind']; status: BoardEntry['status'];
  plannedStart: Date; plannedEnd: Date; dueAt: Date | null; overdue: boolean; detailVisible: boolean;
  purposeEnc: Buffer | null; locationEnc: Buffer | null; locationType: string; caseId: string | null; codename: string | null; buddyName: string | null;
};

/** The columns every visit view shares; detail columns are null unless the rule lets the actor see them. */
function visitColumns(actor: Pick<Actor, 'id' | 'role'>) {
  const detail = visitDetailSql(visitScopeFor(actor));
  return sql`v.id, v.staff_id as "staffId", s.display_name as "staffName", v.kind, v.status,
    v.planned_start as "plannedStart", v.planned_end as "plannedEnd", v.due_at as "dueAt",
    (v.status = 'active' and v.due_at < clock_timestamp()) as overdue,
    ${detail} as "detailVisible",
    case when ${detail} then v.purpose_enc end as "purposeEnc",
    case when ${detail} then v.location_enc end as "locationEnc",
    v.location_type as "locationType",
    case when ${detail} then v.case_id end as "caseId",
    case when ${detail} then (select c.codename from cases c where c.id = v.case_id and ${caseScopeSql(caseScopeFor(actor), 'c.id')}) end as codename,
    case when ${detail} then (select b.display_name from staff b where b.id = v.buddy_id) end as "buddyName"`;
}

async function present(keyring: Keyring, r: VisitRow): Promise<BoardEntry> {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id, staffId: r.staffId, staffName: r.staffName, kind: r.kind, status: r.status,
    plannedStart: iso(r.plannedStart)!, plannedEnd: iso(r.plannedEnd)!, dueAt: iso(r.dueAt), overdue: r.overdue,
    detail: r.detailVisible ? {
      purpose: r.purposeEnc ? await keyring.decrypt(visitPlace(r.id, 'purpose_enc'), r.purposeEnc) : '',
      location: r.locationEnc ? await keyring.decrypt(visitPlace(r.id, 'location_enc'), r.locationEnc) : '',
      locationType: r.locationType as never, codename: r.codename, caseId: r.caseId, buddyName: r.buddyName,
    } : null,
  };
}

/** The board's day from the reader's midnight to midnight: every entry that overlaps it (and any visit still running), and who has none. */
export async function boardFor(db: Db | Tx, keyring: Keyring, actor: Actor, day: { from: Date; to: Date }) {
  const onBoard = sql`v.status <> 'cancelled' and ((v.planned_start < ${day.to.toISOString()} and v.planned_end > ${day.from.toISOString()}) or v.status = 'active')`;
  const rows = (await db.execute<VisitRow>(sql`select ${visitColumns(actor)} from visits v join staff s on s.id = v.staff_id
    where ${onBoard} order by v.planned_start, s.display_name limit 500`)).rows;
  const entries = await Promise.all(rows.map((r) => present(keyring, r)));
  const without = (await db.execute<{ id: string; name: string }>(sql`select s.id, s.display_name as name from staff s where s.disabled_at is null
    and not exists (select 1 from visits v where v.staff_id = s.id and ${onBoard}) order by s.display_name`)).rows;
  return { entries, staffWithoutEntry: without };
}

/** One visit with its timeline, or null when it does not exist or its details are not the actor's to see. */
export async function findVisibleVisit(db: Db | Tx, keyring: Keyring, actor: Actor, visitId: string, opts: { lock?: boolean } = {}): Promise<VisitDetail | null> {
  const rows = (await db.execute<VisitRow & { startedAt: Date | null; checkedOutAt: Date | null; takenOverBy: string | null; homeVisitReasonEnc: Buffer | null }>(sql`select ${visitColumns(actor)},
      v.started_at as "startedAt", v.checked_out_at as "checkedOutAt", (select t.display_name from staff t where t.id = v.taken_over_by) as "takenOverBy",
      v.home_visit_reason_enc as "homeVisitReasonEnc"
    from visits v join staff s on s.id = v.staff_id where v.id = ${visitId} and ${visitDetailSql(visitScopeFor(actor))}
    ${opts.lock ? sql`for update of v` : sql``}`)).rows;
  const r = rows[0];
  if (!r) return null;
  // A silent alarm is seen only by managers and those it was sent to: never by the worker it is
  // about, nor by a teammate who happens to see the visit (they could call the worker's phone).
  const mayKnowDuress = r.staffId === actor.id ? sql`false`
    : actor.role === 'manager' ? sql`true`
    : sql`exists (select 1 from notifications n where n.alert_id = e.alert_id and n.recipient_id = ${actor.id})`;
  const events = (await db.execute<{ id: string; kind: string; at: Date; actorName: string | null; until: Date | null }>(sql`select e.id, e.kind, e.at, s.display_name as "actorName", e.until
    from visit_events e left join staff s on s.id = e.actor_id where e.visit_id = ${visitId}
      and (e.kind not in ('alert_duress', 'acknowledged_duress') or ${mayKnowDuress}) order by e.at, e.id`)).rows;
  const base = await present(keyring, r);
  return {
    ...base,
    startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
    checkedOutAt: r.checkedOutAt ? new Date(r.checkedOutAt).toISOString() : null,
    takenOverBy: r.takenOverBy,
    homeVisitReason: r.homeVisitReasonEnc ? await keyring.decrypt(visitPlace(r.id, 'home_visit_reason_enc'), r.homeVisitReasonEnc) : null,
    events: events.map((e) => ({ id: e.id, kind: e.kind, at: new Date(e.at).toISOString(), actorName: e.actorName, until: e.until ? new Date(e.until).toISOString() : null })),
  };
}

/**
 * Which alerts the actor sees: those sent to them, and for managers every alert of the
 * last week. Never a duress alarm about the actor themself. The list and the badge count share it.
 */
function alertVisibleSql(actor: Actor) {
  return sql`not (a.kind = 'duress' and a.staff_id = ${actor.id})
    and (exists (select 1 from notifications n where n.alert_id = a.id and n.recipient_id = ${actor.id})
      ${actor.role === 'manager' ? sql`or a.fired_at > clock_timestamp() - interval '7 days'` : sql``})`;
}

export type AlertWithCase = SafetyAlert & { visit: (NonNullable<SafetyAlert['visit']> & { caseId: string | null }) | null };

/** The actor's alerts, open ones first, each with where the person is when the actor may see it. */
export async function alertsFor(db: Db | Tx, keyring: Keyring, actor: Actor): Promise<AlertWithCase[]> {
  const rows = (await db.execute<{ id: string; kind: SafetyAlert['kind']; visitId: string | null; staffId: string; staffName: string; firedAt: Date; acknowledgedAt: Date | null; acknowledgedByName: string | null; caseId: string | null }>(sql`
    select a.id, a.kind, a.visit_id as "visitId", a.staff_id as "staffId", s.display_name as "staffName", a.fired_at as "firedAt",
      a.acknowledged_at as "acknowledgedAt", ack.display_name as "acknowledgedByName", (select vv.case_id from visits vv where vv.id = a.visit_id) as "caseId"
    from safety_alerts a join staff s on s.id = a.staff_id left join staff ack on ack.id = a.acknowledged_by
    where ${alertVisibleSql(actor)}
    order by (a.acknowledged_at is null) desc, a.fired_at desc limit 100`)).rows;
  // The visits of all these alerts in one statement, under the same visit rule as everywhere.
  const visitIds = [...new Set(rows.map((r) => r.visitId).filter((id): id is string => id !== null))];
  const visitRows = visitIds.length ? (await db.execute<VisitRow>(sql`select ${visitColumns(actor)} from visits v join staff s on s.id = v.staff_id
    where v.id in (${sql.join(visitIds.map((id) => sql`${id}`), sql`, `)})`)).rows : [];
  const visitsById = new Map(await Promise.all(visitRows.map(async (v) => [v.id, await present(keyring, v)] as const)));
  const out: AlertWithCase[] = [];
  for (const r of rows) {
    const visit = r.visitId ? visitsById.get(r.visitId) : undefined;
    out.push({
      id: r.id, kind: r.kind, visitId: r.visitId, staffId: r.staffId, staffName: r.staffName,
      firedAt: new Date(r.firedAt).toISOString(), acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
      acknowledgedByName: r.acknowledgedByName,
      visit: visit?.detail ? { purpose: visit.detail.purpose, location: visit.detail.location, codename: visit.detail.codename, dueAt: visit.dueAt, caseId: visit.detail.caseId } : null,
      // The procedure of the chain that fired it: the same rule the escalation itself uses.
      emergencyProcedure: r.kind === 'emergency' ? (await chainFor(db, r.caseId)).emergencyProcedure : null,
    });
  }
  return out;
}

/** Alerts waiting for someone to take them over, as the actor's alert list would show them; no details. */
export async function openAlertCount(db: Db | Tx, actor: Actor): Promise<number> {
  return (await db.execute<{ n: number }>(sql`select count(*)::int as n from safety_alerts a
    where a.acknowledged_at is null and a.kind <> 'reminder' and ${alertVisibleSql(actor)}`)).rows[0]?.n ?? 0;
}

/**
 * One audit entry per visit whose details (place, purpose, case) were shown, with its
 * case, so a case's access log says who saw where its client meets. The reader's own
 * visits are their own business. One statement for all of them.
 */
export async function auditDetailsShown(tx: Tx, actor: Actor, requestId: string, shown: { visitId: string; staffId: string; caseId: string | null }[]): Promise<void> {
  const rows = shown.filter((v) => v.staffId !== actor.id).map((v) => auditRow({ actor: { id: actor.id, role: actor.role }, requestId }, {
    action: 'visit.detail.read', outcome: 'success', objectType: 'visit', objectId: v.visitId, ...(v.caseId ? { caseId: v.caseId } : {}),
  }));
  if (rows.length) await tx.insert(auditEvents).values(rows);
}
