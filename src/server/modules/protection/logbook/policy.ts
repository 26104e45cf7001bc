import type { CaseState } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { CaseFacts } from '../../cases/policy.ts';
import { protectionPolicy } from '../policy.ts';

/**
 * The threat logbook's actions, as readings of the protection rule (part
 * 'logbook': managers and the case team; emergency readers never; changes while
 * the case is not closed). The one addition: removing an evidence file is for
 * managers only, because evidence should not quietly disappear.
 */
export const logbookPolicy = {
  mayRead: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts) => protectionPolicy.mayRead(actor, facts, 'logbook'),
  mayRecord: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, state: CaseState) => protectionPolicy.mayWrite(actor, facts, 'logbook', state),
  mayRemoveEvidence: (actor: Pick<Actor, 'id' | 'role'>, facts: CaseFacts, state: CaseState) =>
    actor.role === 'manager' && protectionPolicy.mayWrite(actor, facts, 'logbook', state),
};
