import type { Actor } from '../../platform/auth/actor.ts';

/** Staff protection data (home address, private phone): who may see or change it. */
export const staffPolicy = {
  /** Managers and the security officer may reveal a colleague's protection data; everyone may see their own. */
  mayRevealProtected: (actor: Actor, targetId: string) => actor.id === targetId || actor.role === 'manager' || actor.role === 'security_officer',
  /** The same people may record it. */
  mayWriteProtected: (actor: Actor, targetId: string) => actor.id === targetId || actor.role === 'manager' || actor.role === 'security_officer',
  /** Nobody disables their own account (that would lock the last manager out). */
  mayDisable: (actor: Actor, targetId: string) => actor.id !== targetId && (actor.role === 'manager' || actor.role === 'administrator'),
};
