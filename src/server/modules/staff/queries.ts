import { asc, eq } from 'drizzle-orm';
import { staff } from '../../platform/auth/tables.ts';
import type { Db, Tx } from '../../platform/db/client.ts';

/** The directory: real names and roles. Protection columns are deliberately not selected. */
export async function listStaffDirectory(db: Db | Tx) {
  return db.select({
    id: staff.id, name: staff.displayName, email: staff.email, role: staff.role, disabledAt: staff.disabledAt,
    mfaEnrolledAt: staff.mfaEnrolledAt,
  }).from(staff).orderBy(asc(staff.displayName));
}

export async function findStaff(db: Db | Tx, id: string) {
  return (await db.select().from(staff).where(eq(staff.id, id)).limit(1))[0] ?? null;
}
