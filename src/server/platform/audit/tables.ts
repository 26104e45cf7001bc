import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.ts';

/**
 * Append-only. Holds who, what, when, outcome and why — never field values.
 * The runtime role may only INSERT and SELECT here (see grants.ts).
 */
export const auditEvents = pgTable('audit_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull().default(sql`clock_timestamp()`),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  caseId: uuid('case_id'),
  outcome: text('outcome').notNull(),
  requestId: text('request_id'),
  reason: text('reason'),
  /** How the actor came to see the case (manager, team, break_glass): break-glass use is marked on every entry. */
  basis: text('basis'),
  /** Inserting transaction; lets the sealer find late commits without scanning the whole log. */
  txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
  // BRIN on txid: it grows with insertion order, so a tiny block-range index serves the sealer
  // without a B-tree insert on every audited request.
}, (t) => [index('audit_events_case').on(t.caseId, t.seq), index('audit_events_txid').using('brin', t.txid)]);

/** The sealed order of events: position n is leaf n-1 of the RFC 9162 Merkle tree. */
export const auditLeaves = pgTable('audit_leaves', {
  position: bigint('position', { mode: 'number' }).primaryKey(),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull().unique(),
  leafHash: bytea('leaf_hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
  /** Oldest transaction still running when this leaf was sealed: later seals need only look at newer ones. */
  sealerXmin: bigint('sealer_xmin', { mode: 'number' }).notNull(),
});

export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  rootHash: bytea('root_hash').notNull(),
  /** Compact range (right edge of the tree) so the next seal need not re-read every leaf. */
  frontier: jsonb('frontier').$type<string[]>().notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'string' }).notNull(),
  keyId: text('key_id').notNull(),
  signature: bytea('signature').notNull(),
});

/**
 * Free-text reasons people give (for a reveal, a break-glass access, a suspension…),
 * encrypted. The audit entry's `reason` then holds only `ref:<id>`, so the audit log
 * itself never carries text that might name a client. Append-only like the log.
 */
export const auditReasons = pgTable('audit_reasons', {
  id: uuid('id').primaryKey(),
  reasonEnc: bytea('reason_enc').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
