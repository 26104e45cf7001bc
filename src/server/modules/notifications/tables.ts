import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';

/** In-app alerts. They name the case by id only; the codename is joined in when read, under the reader's scope. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  recipientId: uuid('recipient_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  caseId: uuid('case_id'),
  /** A staff-safety alert this notification reports (visit overdue, panic, duress). */
  alertId: uuid('alert_id'),
  actorId: uuid('actor_id').references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [index('notifications_recipient').on(t.recipientId, t.createdAt)]);
