import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.ts';

/** Data keys, each wrapped (AES-256-GCM) by the master key; the id is the key version. */
export const dataKeys = pgTable('data_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  wrapped: bytea('wrapped').notNull(),
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
