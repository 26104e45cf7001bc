import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { measureOwnerSql } from './queries.ts';

/** A measure is owned by someone who works the case: an active team member or manager. */
export async function assertMeasureOwner(tx: Tx, caseId: string, ownerId: string): Promise<void> {
  const ok = await tx.execute(sql`select 1 where ${measureOwnerSql(caseId, sql`${ownerId}::uuid`)}`);
  if (ok.rows.length === 0) throw fieldError(400, 'ownerId', 'owner_cannot_work_case', 'The owner must be on the case team or a manager');
}
