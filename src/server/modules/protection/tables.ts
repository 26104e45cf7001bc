import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';
import { cases } from '../cases/tables.ts';

/*
 * Threat analysis, shielding, the emergency plan, the client's threat logbook and
 * relocation (C3). Everything that names a person, a place or what happened is
 * encrypted; only kinds, statuses and dates needed for lists stay plain.
 */

/** Groups and persons who threaten the client: name, role, relation, capability, intent, last activity — all in `details_enc`. */
export const threatActors = pgTable('threat_actors', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  detailsEnc: bytea('details_enc').notNull(),
  revision: integer('revision').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('threat_actors_case').on(t.caseId, t.createdAt), check('threat_actors_kind_known', sql`${t.kind} in ('group','person')`)]);

/** Who is linked to whom in the network picture: an actor to the client, another actor or a staff member. */
export const threatLinks = pgTable('threat_links', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  fromActorId: uuid('from_actor_id').notNull().references(() => threatActors.id, { onDelete: 'cascade' }),
  toKind: text('to_kind').notNull(),
  toActorId: uuid('to_actor_id').references(() => threatActors.id, { onDelete: 'cascade' }),
  toStaffId: uuid('to_staff_id').references(() => staff.id),
  relationEnc: bytea('relation_enc').notNull(),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('threat_links_case').on(t.caseId),
  check('threat_links_target', sql`(${t.toKind} = 'client' and ${t.toActorId} is null and ${t.toStaffId} is null)
    or (${t.toKind} = 'actor' and ${t.toActorId} is not null and ${t.toStaffId} is null)
    or (${t.toKind} = 'staff' and ${t.toStaffId} is not null and ${t.toActorId} is null)`),
]);

/** Dangerous knowledge the client holds: a category (plain) and notes (encrypted). */
export const dangerousKnowledge = pgTable('dangerous_knowledge', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  category: text('category').notNull(),
  notesEnc: bytea('notes_enc').notNull(),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('dangerous_knowledge_case').on(t.caseId, t.createdAt)]);

/** The information plan: which person or institution may know what about the exit, and who told them. */
export const informationPlan = pgTable('information_plan', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  detailsEnc: bytea('details_enc').notNull(),
  toldOn: date('told_on', { mode: 'string' }),
  revision: integer('revision').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('information_plan_case').on(t.caseId, t.createdAt), check('information_plan_status_known', sql`${t.status} in ('to_inform','informed','must_not_know')`)]);

/** Measures for the exit procedure, as tasks. */
export const protectionMeasures = pgTable('protection_measures', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  titleEnc: bytea('title_enc').notNull(),
  ownerId: uuid('owner_id').notNull().references(() => staff.id),
  dueOn: date('due_on', { mode: 'string' }),
  status: text('status').notNull().default('open'),
  revision: integer('revision').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('protection_measures_case').on(t.caseId, t.createdAt), index('protection_measures_owner').on(t.ownerId).where(sql`status <> 'done'`),
  check('protection_measures_status_known', sql`${t.status} in ('open','in_progress','done')`)]);

/**
 * The emergency plan of a case, one current version (earlier ones kept as rows with
 * a lower version). Triggers, steps, call tree and the security agency contact are
 * under the keyring; safe locations are sealed with the case's own key.
 */
export const emergencyPlans = pgTable('emergency_plans', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  planEnc: bytea('plan_enc').notNull(),
  safeLocationsEnc: bytea('safe_locations_enc'),
  updatedBy: uuid('updated_by').notNull().references(() => staff.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('emergency_plans_case_version').on(t.caseId, t.version)]);

/** The client's threat logbook, kept by the team on the client's behalf. */
export const threatLogEntries = pgTable('threat_log_entries', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  channel: text('channel').notNull(),
  /** What was said or done, and by whom. */
  detailsEnc: bytea('details_enc').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('threat_log_entries_case').on(t.caseId, t.occurredOn)]);

/** Evidence files of a logbook entry: the content encrypted in the database, image metadata removed before. */
export const evidenceFiles = pgTable('evidence_files', {
  id: uuid('id').primaryKey(),
  entryId: uuid('entry_id').notNull().references(() => threatLogEntries.id, { onDelete: 'cascade' }),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  nameEnc: bytea('name_enc').notNull(),
  contentEnc: bytea('content_enc').notNull(),
  uploadedBy: uuid('uploaded_by').notNull().references(() => staff.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('evidence_files_entry').on(t.entryId)]);

/** Relocation at the sealed level (managers and the case's security officer): sealed with the case's own key. */
export const relocations = pgTable('relocations', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  detailsEnc: bytea('details_enc').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('relocations_case').on(t.caseId, t.recordedAt)]);
