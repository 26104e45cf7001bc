import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { caseWorkingRoles } from '../../../platform/policy/permissions.ts';
import { caseActions } from '../policy.ts';
import { findVisibleCase } from '../queries.ts';
import { caseTeam } from '../tables.ts';

export type TeamInput = { staffId: string; role: 'lead' | 'member' }[];

/** Replaces the case team. Removal takes effect on the removed person's next request: access is checked per request. */
export async function setTeam(opts: { db: Db; actor: Actor; requestId: string; caseId: string; members: TeamInput }): Promise<void> {
  const audit = { actor: opts.actor, requestId: opts.requestId };
  const outcome = await opts.db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, opts.actor, opts.caseId);
    if (!found) {
      await recordAudit(tx, audit, { action: 'case.team.set', outcome: 'denied', objectType: 'case', objectId: opts.caseId, caseId: opts.caseId, reason: 'not visible' });
      return 'not_found' as const;
    }
    if (!caseActions.maySetTeam(opts.actor)) {
      await recordAudit(tx, audit, { action: 'case.team.set', outcome: 'denied', objectType: 'case', objectId: opts.caseId, caseId: opts.caseId });
      return 'forbidden' as const;
    }
    const leads = opts.members.filter((m) => m.role === 'lead').length;
    if (leads > 1) throw new AppError(400, 'one_lead_only', 'A case has at most one lead worker', [{ path: 'members', code: 'one_lead_only', message: 'A case has at most one lead worker' }]);
    const ids = opts.members.map((m) => m.staffId);
    const people = ids.length ? await tx.select({ id: staff.id, role: staff.role }).from(staff).where(and(inArray(staff.id, ids), isNull(staff.disabledAt))) : [];
    for (const [i, m] of opts.members.entries()) {
      const person = people.find((p) => p.id === m.staffId);
      if (!person) throw new AppError(400, 'staff_unknown', 'This person is not an active staff member', [{ path: `members.${i}.staffId`, code: 'staff_unknown', message: 'This person is not an active staff member' }]);
      if (!caseWorkingRoles.includes(person.role as never)) {
        throw new AppError(400, 'role_cannot_work_cases', 'People in this role cannot be on a case team', [{ path: `members.${i}.staffId`, code: 'role_cannot_work_cases', message: 'People in this role cannot be on a case team' }]);
      }
    }
    await tx.delete(caseTeam).where(eq(caseTeam.caseId, opts.caseId));
    if (opts.members.length) await tx.insert(caseTeam).values(opts.members.map((m) => ({ caseId: opts.caseId, staffId: m.staffId, role: m.role })));
    await recordAudit(tx, audit, { action: 'case.team.set', outcome: 'success', objectType: 'case', objectId: opts.caseId, caseId: opts.caseId });
    return 'ok' as const;
  });
  if (outcome === 'not_found') throw notFound();
  if (outcome === 'forbidden') throw forbidden();
}
