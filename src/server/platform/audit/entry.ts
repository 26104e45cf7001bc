import { sql, type SQL } from 'drizzle-orm';

export { canonicalEntry, canonicalEntryText, type SealedEntry } from './canonical.ts';

/** Select list shared by the sealer and the verifier so both see byte-identical values. */
export const entryColumns: SQL = sql.raw(`e.seq, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
  e.actor_id as "actorId", e.actor_role as "actorRole", e.action, e.object_type as "objectType", e.object_id as "objectId",
  e.case_id as "caseId", e.outcome, e.request_id as "requestId", e.reason, e.basis`);
