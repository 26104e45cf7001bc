import type { SQL } from 'drizzle-orm';
import type { Role } from '../../../contracts/staff.ts';

/** The authenticated person behind a request. Everything downstream decides from this. */
export type Actor = {
  id: string;
  role: Role;
  name: string;
  sessionIdHash: Buffer;
  /** When the second factor was last given in this session (fresh-MFA checks). */
  mfaAt: Date | null;
};

/** An actor known only inside a SQL statement (see createSessionBoundReader): its id and role are expressions. */
export type SqlActor = { id: SQL; role: SQL };
