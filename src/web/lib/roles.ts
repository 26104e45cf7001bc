import type { Me } from '../../contracts/auth.ts';
import type { Role } from '../../contracts/staff.ts';

/**
 * What the interface offers to whom. This only decides which buttons and
 * screens to show; the server enforces every rule on its own.
 */
export const caseWorkingRoles: readonly Role[] = ['manager', 'exit_worker', 'security_officer'];

export const can = {
  workCases: (me: Pick<Me, 'role'>) => caseWorkingRoles.includes(me.role),
  /** Recording a referral: a worker who does becomes its lead. */
  createCase: (me: Pick<Me, 'role'>) => caseWorkingRoles.includes(me.role),
  /** Emergency access to a case one is not on (managers see every case anyway). */
  breakGlass: (me: Pick<Me, 'role'>) => me.role === 'exit_worker' || me.role === 'security_officer',
  /** The review queue: emergency accesses and possible duplicate persons. */
  review: (me: Pick<Me, 'role'>) => me.role === 'manager',
  editProgrammes: (me: Pick<Me, 'role'>) => me.role === 'manager',
  setTeam: (me: Pick<Me, 'role'>) => me.role === 'manager',
  readAccessLog: (me: Pick<Me, 'role'>) => me.role === 'manager',
  createStaff: (me: Pick<Me, 'role'>) => me.role === 'manager' || me.role === 'administrator',
  /** Administrators may only create accounts that see no case content (the server refuses the rest). */
  createRole: (me: Pick<Me, 'role'>, role: Role) => me.role === 'manager' || (me.role === 'administrator' && !caseWorkingRoles.includes(role)),
  disableStaff: (me: Pick<Me, 'id' | 'role'>, target: { id: string; role: Role }) => me.id !== target.id
    && (me.role === 'manager' || (me.role === 'administrator' && !caseWorkingRoles.includes(target.role))),
  /** Managers only, never for themselves. */
  resetSignIn: (me: Pick<Me, 'id' | 'role'>, target: { id: string }) => me.role === 'manager' && me.id !== target.id,
  protectedDetails: (me: Pick<Me, 'id' | 'role'>, targetId: string) => me.id === targetId || me.role === 'manager' || me.role === 'security_officer',
  /** A care record is the person's own and their managers'. */
  careRecord: (me: Pick<Me, 'id' | 'role'>, targetId: string) => me.id === targetId || me.role === 'manager',
  seeCareDue: (me: Pick<Me, 'role'>) => me.role === 'manager',
};
