import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Staff care records, as sentences. A person's care record is theirs and their
 * managers'; nobody else learns it exists (404). Check-up dates are kept by
 * managers; sessions by the person; a session's note is read by nobody but its author.
 */
export const carePolicy = {
  mayRead: (actor: Pick<Actor, 'id' | 'role'>, staffId: string) => actor.id === staffId || actor.role === 'manager',
  mayKeepCheckups: (actor: Pick<Actor, 'role'>) => actor.role === 'manager',
  mayRecordSession: (actor: Pick<Actor, 'id'>, staffId: string) => actor.id === staffId,
  mayReadSessionNote: (actor: Pick<Actor, 'id'>, staffId: string) => actor.id === staffId,
  mayRecordQualification: (actor: Pick<Actor, 'id' | 'role'>, staffId: string) => actor.id === staffId || actor.role === 'manager',
  maySeeDue: (actor: Pick<Actor, 'role'>) => actor.role === 'manager',
};
