import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';

/**
 * The annual check-up with a forensic psychologist (guideline §3.3): dates only.
 * No clinical content is stored, by design: there is no column for it.
 */
export const careCheckups = pgTable('care_checkups', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  dueOn: date('due_on').notNull(),
  doneOn: date('done_on'),
  recordedBy: uuid('recorded_by').references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('care_checkups_staff').on(t.staffId, t.dueOn), index('care_checkups_open').on(t.dueOn).where(sql`done_on is null`)]);

/** Supervision, coaching and safe-space sessions. The note is the person's own and only theirs. */
export const careSessions = pgTable('care_sessions', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  heldOn: date('held_on').notNull(),
  kind: text('kind').notNull(),
  withWhomEnc: bytea('with_whom_enc').notNull(),
  noteEnc: bytea('note_enc'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('care_sessions_staff').on(t.staffId, t.heldOn), check('care_sessions_kind_known', sql`${t.kind} in ('supervision','coaching','safe_space')`)]);

/** Trainings and certifications (e.g. for a risk instrument), with expiry. */
export const staffQualifications = pgTable('staff_qualifications', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  issuer: text('issuer').notNull().default(''),
  obtainedOn: date('obtained_on').notNull(),
  expiresOn: date('expires_on'),
  recordedBy: uuid('recorded_by').references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('staff_qualifications_staff').on(t.staffId), index('staff_qualifications_expiry').on(t.expiresOn), check('staff_qualifications_kind_known', sql`${t.kind} in ('training','certification')`)]);
