import { sql, type SQL } from 'drizzle-orm';

/** An audit entry as hashed into the Merkle tree; timestamps are fixed-format UTC text. */
export type SealedEntry = {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  caseId: string | null;
  outcome: string;
  requestId: string | null;
  reason: string | null;
  basis: string | null;
};

/** Select list shared by the sealer and the verifier so both see byte-identical values. */
export const entryColumns: SQL = sql.raw(`e.seq, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
  e.actor_id as "actorId", e.actor_role as "actorRole", e.action, e.object_type as "objectType", e.object_id as "objectId",
  e.case_id as "caseId", e.outcome, e.request_id as "requestId", e.reason, e.basis`);

/**
 * Canonical bytes of the leaf at `position`: fixed field order, JSON-escaped values.
 * Entries without an access basis keep the v1 form, so leaves sealed before the
 * basis column existed still verify.
 */
export function canonicalEntry(position: number, e: SealedEntry): Buffer {
  const common = [position, e.seq, e.occurredAt, e.actorId, e.actorRole, e.action, e.objectType, e.objectId, e.caseId, e.outcome, e.requestId, e.reason];
  return Buffer.from(JSON.stringify(e.basis == null ? ['exitdesk-audit-v1', ...common] : ['exitdesk-audit-v2', ...common, e.basis]), 'utf8');
}
