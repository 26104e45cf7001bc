import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';

export const entryChanged = () => new AppError(409, 'plan_entry_changed', 'Someone else changed this entry since you opened it. Reload to see their change, then try again.');

/**
 * Locks one entry of the shielding plan of this case and checks that the writer
 * read its current revision; returns the next revision. An entry of another case
 * is "not found" like one that does not exist.
 */
export async function claimEntry(tx: Tx, table: 'information_plan' | 'protection_measures', caseId: string, entryId: string, expected: number): Promise<number> {
  const rows = await tx.execute<{ revision: number }>(sql`select revision from ${sql.identifier(table)} where id = ${entryId} and case_id = ${caseId} for update`);
  const row = rows.rows[0];
  if (!row) throw notFound();
  if (row.revision !== expected) throw entryChanged();
  return row.revision + 1;
}
