import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';
import { programmes } from '../programmes/tables.ts';

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  codename: text('codename').notNull().unique(),
  status: text('status').notNull().default('referral'),
  /** Optimistic concurrency: every change of the case row names the version it read. */
  version: integer('version').notNull().default(1),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  programmeVersionAtReferral: integer('programme_version_at_referral').notNull(),
  programmeVersionAccepted: integer('programme_version_accepted'),
  referralRoute: text('referral_route').notNull(),
  referredOn: date('referred_on', { mode: 'string' }).notNull(),
  // Null only for cases created before referrals were recorded.
  referrerEnc: bytea('referrer_enc'),
  firstInformationEnc: bytea('first_information_enc'),
  /** Narrative, age, organisation type…: who is leaving which group is itself sensitive. */
  eligibilityFactsEnc: bytea('eligibility_facts_enc'),
  outsideTargetReasonEnc: bytea('outside_target_reason_enc'),
  /** Highest level of the latest risk screening, kept plain so lists can filter on it. */
  screeningLevel: text('screening_level'),
  protectionNeeded: boolean('protection_needed').notNull().default(false),
  closureReason: text('closure_reason'),
  closureTextEnc: bytea('closure_text_enc'),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('cases_codename_ci').on(sql`lower(${t.codename})`),
  // Codename search is a substring match (ILIKE '%…%'): a trigram index keeps it fast at 100,000 cases.
  index('cases_codename_trgm').using('gin', t.codename.op('gin_trgm_ops')),
  index('cases_created').on(t.createdAt, t.id),
  index('cases_programme_created').on(t.programmeId, t.createdAt, t.id),
  index('cases_status_created').on(t.status, t.createdAt, t.id),
  check('cases_status_known', sql`${t.status} in ('referral','intake','active','suspended','closed')`),
]);

export const caseTeam = pgTable('case_team', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  role: text('role').notNull(),
  identityAccess: boolean('identity_access').notNull().default(false),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.caseId, t.staffId] }), index('case_team_staff').on(t.staffId, t.caseId), index('case_team_lead').on(t.staffId).where(sql`role = 'lead'`)]);

export const caseNotes = pgTable('case_notes', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  /** The first version's id; corrections share it. */
  rootId: uuid('root_id').notNull(),
  version: integer('version').notNull().default(1),
  level: text('level').notNull().default('team'),
  authorId: uuid('author_id').notNull().references(() => staff.id),
  textEnc: bytea('text_enc').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('case_notes_case').on(t.caseId, t.createdAt),
  uniqueIndex('case_notes_root_version').on(t.rootId, t.version),
  check('case_notes_level_known', sql`${t.level} in ('team','restricted','sealed')`),
]);

export const caseDiscussions = pgTable('case_discussions', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  participantsEnc: bytea('participants_enc').notNull(),
  decision: text('decision').notNull(),
  reasonsEnc: bytea('reasons_enc').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_discussions_case').on(t.caseId, t.recordedAt)]);

export const caseScreenings = pgTable('case_screenings', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  riskToStaff: text('risk_to_staff').notNull(),
  threatFromGroup: text('threat_from_group').notNull(),
  immediateProtectionNeeded: boolean('immediate_protection_needed').notNull(),
  notesEnc: bytea('notes_enc').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_screenings_case').on(t.caseId, t.recordedAt)]);

/** The case timeline: codes in `data`, free text encrypted. */
export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey(),
  /** Order of events (clock times can tie). */
  seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  actorId: uuid('actor_id').references(() => staff.id),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  textEnc: bytea('text_enc'),
}, (t) => [index('case_events_case').on(t.caseId, t.seq)]);

/** Each case's own data key, wrapped by a keyring data key: deleting the row erases the sealed identity. */
export const caseKeys = pgTable('case_keys', {
  caseId: uuid('case_id').primaryKey().references(() => cases.id, { onDelete: 'cascade' }),
  wrapped: bytea('wrapped').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseIdentity = pgTable('case_identity', {
  caseId: uuid('case_id').primaryKey().references(() => cases.id, { onDelete: 'cascade' }),
  dataEnc: bytea('data_enc').notNull(),
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => staff.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Keyed blind index (HMAC) over normalised name + date of birth, for the duplicate check at intake. */
export const casePersonIndex = pgTable('case_person_index', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  digest: bytea('digest').notNull(),
}, (t) => [primaryKey({ columns: [t.digest, t.caseId] }), index('case_person_index_case').on(t.caseId)]);

export const duplicateReviews = pgTable('duplicate_reviews', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  matchedCaseId: uuid('matched_case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  raisedBy: uuid('raised_by').notNull().references(() => staff.id),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  resolvedBy: uuid('resolved_by').references(() => staff.id),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  outcome: text('outcome'),
}, (t) => [uniqueIndex('duplicate_reviews_pair').on(t.caseId, t.matchedCaseId)]);

export const breakGlassGrants = pgTable('break_glass_grants', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  reasonEnc: bytea('reason_enc').notNull(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  reviewedBy: uuid('reviewed_by').references(() => staff.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewOutcome: text('review_outcome'),
  reviewNoteEnc: bytea('review_note_enc'),
}, (t) => [index('break_glass_active').on(t.staffId, t.caseId, t.expiresAt), index('break_glass_unreviewed').on(t.grantedAt).where(sql`reviewed_at is null`)]);

/** Client agreements; a new agreement is the next version, earlier ones stay. */
export const caseAgreements = pgTable('case_agreements', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
  givenHow: text('given_how').notNull(),
  programmeVersion: integer('programme_version').notNull(),
  offerEnc: bytea('offer_enc').notNull(),
  conductRulesEnc: bytea('conduct_rules_enc').notNull(),
  consents: jsonb('consents').$type<Record<string, 'yes' | 'no' | 'not_asked'>>().notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('case_agreements_version').on(t.caseId, t.version)]);

export const conductIncidents = pgTable('conduct_incidents', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  kind: text('kind').notNull(),
  severity: text('severity').notNull(),
  descriptionEnc: bytea('description_enc').notNull(),
  actionsEnc: bytea('actions_enc').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('conduct_incidents_case').on(t.caseId, t.recordedAt)]);

export const conductDecisions = pgTable('conduct_decisions', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  decision: text('decision').notNull(),
  reasonsEnc: bytea('reasons_enc').notNull(),
  decidedBy: uuid('decided_by').notNull().references(() => staff.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('conduct_decisions_case').on(t.caseId, t.decidedAt)]);
