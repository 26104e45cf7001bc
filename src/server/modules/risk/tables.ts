import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';
import { cases } from '../cases/tables.ts';

/**
 * Risk instruments are data: an organisation loads the definition of an instrument
 * it holds a licence for; Exitdesk ships only its own open screening instrument.
 * A definition never changes once stored: a new edition is a new version row.
 */
export const riskInstruments = pgTable('risk_instruments', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull(),
  version: text('version').notNull(),
  name: text('name').notNull(),
  /** The validated definition (domains, items, scale, guidance) as imported. */
  definition: jsonb('definition').notNull(),
  requiresCertification: boolean('requires_certification').notNull(),
  /** The certification (staff_qualifications.name, compared case-insensitively) that lets someone sign. */
  certificationName: text('certification_name'),
  reviewIntervalDays: integer('review_interval_days').notNull(),
  builtin: boolean('builtin').notNull().default(false),
  importedBy: uuid('imported_by').references(() => staff.id),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
}, (t) => [uniqueIndex('risk_instruments_key_version').on(t.key, t.version)]);

/**
 * One assessment of a case with one instrument. A signed assessment is never
 * changed; the next assessment is the next number (the versions of the case's
 * risk picture). Ratings and the judgement are encrypted; the overall level and
 * the review date stay plain so dashboards can find overdue reviews and high-risk gaps.
 */
export const riskAssessments = pgTable('risk_assessments', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  instrumentId: uuid('instrument_id').notNull().references(() => riskInstruments.id),
  number: integer('number').notNull(),
  status: text('status').notNull().default('draft'),
  /** Optimistic concurrency for draft saves from two tabs or two people. */
  revision: integer('revision').notNull().default(1),
  ratingsEnc: bytea('ratings_enc').notNull(),
  judgementEnc: bytea('judgement_enc'),
  riskLevel: text('risk_level'),
  nextReviewOn: date('next_review_on', { mode: 'string' }),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull().references(() => staff.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  signedBy: uuid('signed_by').references(() => staff.id),
  signedAt: timestamp('signed_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('risk_assessments_case_number').on(t.caseId, t.number),
  // One open draft per case and instrument: a second "start" continues the first.
  uniqueIndex('risk_assessments_one_draft').on(t.caseId, t.instrumentId).where(sql`status = 'draft'`),
  index('risk_assessments_review').on(t.nextReviewOn).where(sql`status = 'signed'`),
  check('risk_assessments_status_known', sql`${t.status} in ('draft','signed')`),
  check('risk_assessments_level_known', sql`${t.riskLevel} is null or ${t.riskLevel} in ('low','moderate','high','imminent')`),
  check('risk_assessments_signed_complete', sql`${t.status} = 'draft' or (${t.riskLevel} is not null and ${t.nextReviewOn} is not null and ${t.signedBy} is not null and ${t.judgementEnc} is not null)`),
]);
