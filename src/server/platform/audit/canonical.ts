// No imports: loaded by verify's worker threads, which should start in milliseconds.

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

/**
 * Canonical bytes of the leaf at `position`: fixed field order, JSON-escaped values.
 * Entries without an access basis keep the v1 form, so leaves sealed before the
 * basis column existed still verify.
 */
export function canonicalEntry(position: number, e: SealedEntry): Buffer {
  return Buffer.from(canonicalEntryText(position, e), 'utf8');
}

/** The same as text; hashing its UTF-8 directly (`leafHashOfText`) saves building the bytes. */
export function canonicalEntryText(position: number, e: SealedEntry): string {
  const common = [position, e.seq, e.occurredAt, e.actorId, e.actorRole, e.action, e.objectType, e.objectId, e.caseId, e.outcome, e.requestId, e.reason];
  return JSON.stringify(e.basis == null ? ['exitdesk-audit-v1', ...common] : ['exitdesk-audit-v2', ...common, e.basis]);
}
