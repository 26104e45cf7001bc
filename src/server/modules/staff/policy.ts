import type { Role } from '../../../contracts/staff.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { caseWorkingRoles } from '../../platform/policy/permissions.ts';

const seesCaseContent = (role: string) => (caseWorkingRoles as readonly string[]).includes(role);

/** Staff accounts and protection data (home address, private phone): who may do what. */
export const staffPolicy = {
  /**
   * Managers create any account. Administrators create only accounts that see no
   * case content — otherwise an administrator could make themselves a manager.
   */
  mayCreate: (actor: Actor, role: Role) => actor.role === 'manager' || (actor.role === 'administrator' && !seesCaseContent(role)),
  /** The same split for disabling; nobody disables themselves. */
  mayDisable: (actor: Actor, target: { id: string; role: string }) =>
    actor.id !== target.id && (actor.role === 'manager' || (actor.role === 'administrator' && !seesCaseContent(target.role))),
  /**
   * Only managers reset someone's sign-in, never their own. (Whoever resets learns the first
   * password; managers already see every case and every colleague's protection data.)
   */
  mayResetSignIn: (actor: Actor, target: { id: string }) => actor.role === 'manager' && actor.id !== target.id,
  /** Managers and the security officer may reveal a colleague's protection data; everyone may see their own. */
  mayRevealProtected: (actor: Actor, targetId: string) => actor.id === targetId || actor.role === 'manager' || actor.role === 'security_officer',
  /** The same people may record it. */
  mayWriteProtected: (actor: Actor, targetId: string) => actor.id === targetId || actor.role === 'manager' || actor.role === 'security_officer',
};
