import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { staff } from '../../platform/auth/tables.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import type { Tx } from '../../platform/db/client.ts';
import { caseScopeFor, caseScopeSql } from './policy.ts';
import { caseNotes, cases, caseTeam } from './tables.ts';

export type VisibleCase = {
  id: string;
  codename: string;
  status: string;
  createdAt: Date;
  team: { staffId: string; name: string; role: 'lead' | 'member' }[];
};

/** The case if the actor may see it, else null — the same null as for a case that does not exist. */
export async function findVisibleCase(tx: Tx, actor: Actor, id: string): Promise<VisibleCase | null> {
  const row = (await tx.select({ id: cases.id, codename: cases.codename, status: cases.status, createdAt: cases.createdAt })
    .from(cases).where(and(eq(cases.id, id), caseScopeSql(caseScopeFor(actor)))).limit(1))[0];
  if (!row) return null;
  const team = await tx.select({ staffId: caseTeam.staffId, name: staff.displayName, role: caseTeam.role })
    .from(caseTeam).innerJoin(staff, eq(staff.id, caseTeam.staffId))
    .where(eq(caseTeam.caseId, id)).orderBy(asc(caseTeam.role), asc(staff.displayName));
  return { ...row, team: team.map((t) => ({ ...t, role: t.role as 'lead' | 'member' })) };
}

export async function listVisibleCases(tx: Tx, actor: Actor, opts: { limit: number; search?: string | undefined }) {
  const search = opts.search ? sql`and cases.codename ilike ${'%' + opts.search.replace(/[%_\\]/g, '\\$&') + '%'}` : sql``;
  return (await tx.execute<{ id: string; codename: string; status: string; createdAt: Date; myTeamRole: 'lead' | 'member' | null }>(sql`
    select cases.id, cases.codename, cases.status, cases.created_at as "createdAt",
      (select ct.role from case_team ct where ct.case_id = cases.id and ct.staff_id = ${actor.id}) as "myTeamRole"
    from cases where ${caseScopeSql(caseScopeFor(actor))} ${search}
    order by cases.created_at desc limit ${opts.limit}`)).rows;
}

export async function listNoteRows(tx: Tx, caseId: string) {
  return tx.select({ id: caseNotes.id, textEnc: caseNotes.textEnc, authorId: caseNotes.authorId, authorName: staff.displayName, createdAt: caseNotes.createdAt })
    .from(caseNotes).innerJoin(staff, eq(staff.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, caseId)).orderBy(desc(caseNotes.createdAt)).limit(500);
}

export async function listCaseAccess(tx: Tx, caseId: string, limit: number) {
  return tx.select({
    at: auditEvents.occurredAt, actorId: auditEvents.actorId, actorName: staff.displayName, actorRole: auditEvents.actorRole,
    action: auditEvents.action, outcome: auditEvents.outcome, reason: auditEvents.reason,
  }).from(auditEvents).leftJoin(staff, eq(staff.id, auditEvents.actorId))
    .where(eq(auditEvents.caseId, caseId)).orderBy(desc(auditEvents.seq)).limit(limit);
}
