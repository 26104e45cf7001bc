import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { caseWorkingRoles } from '../../../platform/policy/permissions.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { caseTeam } from '../tables.ts';

export type TeamInput = { staffId: string; role: 'lead' | 'member'; identityAccess: boolean }[];

const memberError = (i: number, code: string, message: string) => new AppError(400, code, message, [{ path: `members.${i}.staffId`, code, message }]);

/** Replaces the case team. Removal takes effect on the removed person's next request: access is checked per request. */
export async function setTeam(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; members: TeamInput; expectedVersion: number }): Promise<{ version: number }> {
  return caseCommand({ ...opts, action: 'case.team.set' }, async ({ tx, audit, event, refuse, claimVersion }) => {
    if (!caseActions.maySetTeam(opts.actor)) return refuse();
    const leads = opts.members.filter((m) => m.role === 'lead').length;
    if (leads > 1) throw new AppError(400, 'one_lead_only', 'A case has at most one lead worker', [{ path: 'members', code: 'one_lead_only', message: 'A case has at most one lead worker' }]);
    const ids = opts.members.map((m) => m.staffId);
    const people = ids.length ? await tx.select({ id: staff.id, role: staff.role }).from(staff).where(and(inArray(staff.id, ids), isNull(staff.disabledAt))) : [];
    for (const [i, m] of opts.members.entries()) {
      const person = people.find((p) => p.id === m.staffId);
      if (!person) throw memberError(i, 'staff_unknown', 'This person is not an active staff member');
      if (!caseWorkingRoles.includes(person.role as never)) throw memberError(i, 'role_cannot_work_cases', 'People in this role cannot be on a case team');
    }
    const version = await claimVersion(opts.expectedVersion);
    await tx.delete(caseTeam).where(eq(caseTeam.caseId, opts.caseId));
    if (opts.members.length) await tx.insert(caseTeam).values(opts.members.map((m) => ({ caseId: opts.caseId, staffId: m.staffId, role: m.role, identityAccess: m.identityAccess })));
    await event('team.changed', { members: opts.members.length, withIdentityAccess: opts.members.filter((m) => m.identityAccess).length });
    await audit();
    return { version };
  });
}
