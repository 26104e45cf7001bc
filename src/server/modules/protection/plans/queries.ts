import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql } from '../../cases/policy.ts';
import { protectionReadSql } from '../policy.ts';
import { emergencyPlans, informationPlan, protectionMeasures, relocations } from '../tables.ts';
import { latestSignedFirst } from '../../risk/queries.ts';

type Who = Pick<Actor, 'id' | 'role'>;
const me = (actor: Actor): Who => ({ id: actor.id, role: actor.role });

/** The information plan and the measures of a case, still encrypted. Each statement repeats the part's rule. */
export async function loadShieldPlan(tx: Tx, actor: Actor, caseId: string) {
  const information = await tx.select({
    id: informationPlan.id, status: informationPlan.status, detailsEnc: informationPlan.detailsEnc, toldOn: informationPlan.toldOn,
    revision: informationPlan.revision, updatedAt: informationPlan.updatedAt,
  }).from(informationPlan)
    .where(and(eq(informationPlan.caseId, caseId), protectionReadSql(me(actor), 'shield', 'information_plan.case_id')))
    .orderBy(asc(informationPlan.createdAt), asc(informationPlan.id));
  const measures = await tx.select({
    id: protectionMeasures.id, titleEnc: protectionMeasures.titleEnc, ownerId: protectionMeasures.ownerId, ownerName: staff.displayName,
    dueOn: protectionMeasures.dueOn, status: protectionMeasures.status, revision: protectionMeasures.revision, updatedAt: protectionMeasures.updatedAt,
  }).from(protectionMeasures).leftJoin(staff, eq(staff.id, protectionMeasures.ownerId))
    .where(and(eq(protectionMeasures.caseId, caseId), protectionReadSql(me(actor), 'shield', 'protection_measures.case_id')))
    // Open tasks first, the most urgent on top; done ones at the end.
    .orderBy(sql`${protectionMeasures.status} = 'done'`, sql`${protectionMeasures.dueOn} asc nulls last`, asc(protectionMeasures.createdAt));
  return { information, measures, owners: await measureOwners(tx, caseId) };
}

/** Active staff who may own a measure of the case: its team and the managers. */
export function measureOwnerSql(caseId: string, staffIdColumn: SQL): SQL {
  return sql`exists (select 1 from staff s where s.id = ${staffIdColumn} and s.disabled_at is null
    and (s.role = 'manager' or exists (select 1 from case_team t where t.case_id = ${caseId}::uuid and t.staff_id = s.id)))`;
}

async function measureOwners(tx: Tx, caseId: string): Promise<{ staffId: string; name: string }[]> {
  return tx.select({ staffId: staff.id, name: staff.displayName }).from(staff)
    .where(measureOwnerSql(caseId, sql`${staff.id}`)).orderBy(asc(staff.displayName));
}

/**
 * The current emergency plan. The sealed column is fetched only when the actor may
 * read sealed parts (the rule is in the statement), so it never reaches code that
 * could leak it for anyone else.
 */
export async function loadCurrentPlan(tx: Tx, actor: Actor, caseId: string) {
  const rows = await tx.select({
    id: emergencyPlans.id, version: emergencyPlans.version, planEnc: emergencyPlans.planEnc,
    safeLocationsEnc: sql<Buffer | null>`case when ${protectionReadSql(me(actor), 'sealed', 'emergency_plans.case_id')} then ${emergencyPlans.safeLocationsEnc} end`,
    updatedByName: staff.displayName, updatedAt: emergencyPlans.updatedAt,
  }).from(emergencyPlans).leftJoin(staff, eq(staff.id, emergencyPlans.updatedBy))
    .where(and(eq(emergencyPlans.caseId, caseId), protectionReadSql(me(actor), 'emergency', 'emergency_plans.case_id')))
    .orderBy(desc(emergencyPlans.version)).limit(1);
  return rows[0] ?? null;
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof loadCurrentPlan>>>;

/** Relocations of a case, newest first: only for readers of sealed parts (the rule is in the statement). */
export async function loadRelocations(tx: Tx, actor: Actor, caseId: string) {
  return tx.select({ id: relocations.id, detailsEnc: relocations.detailsEnc, recordedByName: staff.displayName, recordedAt: relocations.recordedAt })
    .from(relocations).leftJoin(staff, eq(staff.id, relocations.recordedBy))
    .where(and(eq(relocations.caseId, caseId), protectionReadSql(me(actor), 'sealed', 'relocations.case_id')))
    .orderBy(desc(relocations.recordedAt), desc(relocations.id));
}

/*
 * The high-risk gap: a case that is not closed, whose latest signed risk assessment
 * rates it high or imminent, and that has no emergency plan or no active security
 * officer on its team. One definition, used by the case read and the dashboard.
 */
const latestSigned = (caseCol: string) => sql`(select a.risk_level, a.signed_at from risk_assessments a
  where a.case_id = ${sql.raw(caseCol)} and a.status = 'signed' order by ${latestSignedFirst} limit 1)`;
const noPlan = (caseCol: string) => sql`not exists (select 1 from emergency_plans p where p.case_id = ${sql.raw(caseCol)})`;
const noOfficer = (caseCol: string) => sql`not exists (select 1 from case_team t join staff s on s.id = t.staff_id
  where t.case_id = ${sql.raw(caseCol)} and s.role = 'security_officer' and s.disabled_at is null)`;

export type GapRow = { caseId: string; codename: string; riskLevel: 'high' | 'imminent'; assessedAt: string; noPlan: boolean; noOfficer: boolean };

/** The gap of one case the actor can see: one row (gap or not) when visible, none otherwise. */
export function caseGapSql(actor: Actor, caseId: string): SQL {
  return sql`select c.id as "caseId", ${accessBasisSql(me(actor), 'c.id')} as basis, ra.risk_level as "riskLevel", ra.signed_at as "assessedAt",
      ${noPlan('c.id')} as "noPlan", ${noOfficer('c.id')} as "noOfficer", c.status
    from cases c left join lateral ${latestSigned('c.id')} ra on true
    where c.id = ${caseId} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`;
}

/**
 * Open gaps the actor is responsible for: managers see every case, everyone else
 * the cases whose team they are on (the shielding plan's readers; an emergency
 * grant is not a responsibility). Starts from the signed assessments, which are
 * far fewer than the cases.
 */
export function gapListSql(actor: Actor, limit: number): SQL {
  return sql`select c.id as "caseId", c.codename, ra.risk_level as "riskLevel", ra.signed_at as "assessedAt", ${noPlan('c.id')} as "noPlan", ${noOfficer('c.id')} as "noOfficer"
    from (select distinct on (a.case_id) a.case_id, a.risk_level, a.signed_at from risk_assessments a where a.status = 'signed' order by a.case_id, ${latestSignedFirst}) ra
    join cases c on c.id = ra.case_id
    where ra.risk_level in ('high', 'imminent') and c.status <> 'closed'
      and (${noPlan('c.id')} or ${noOfficer('c.id')})
      and ${protectionReadSql(me(actor), 'shield', 'c.id')}
    order by (ra.risk_level = 'imminent') desc, ra.signed_at asc
    limit ${limit}`;
}
