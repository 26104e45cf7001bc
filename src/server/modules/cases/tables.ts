import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  codename: text('codename').notNull().unique(),
  status: text('status').notNull().default('active'),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('cases_codename_ci').on(sql`lower(${t.codename})`)]);

export const caseTeam = pgTable('case_team', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  role: text('role').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.caseId, t.staffId] }), index('case_team_staff').on(t.staffId, t.caseId)]);

export const caseNotes = pgTable('case_notes', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').notNull().references(() => staff.id),
  textEnc: bytea('text_enc').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_notes_case').on(t.caseId, t.createdAt)]);
