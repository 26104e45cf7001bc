import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Escalation } from '../../../contracts/safety.ts';
import { staff } from '../../platform/auth/tables.ts';
import { bytea } from '../../platform/db/types.ts';
import { cases } from '../cases/tables.ts';
import { notifications } from '../notifications/tables.ts';

/**
 * The escalation chain for missed check-outs: one for the organisation ('default')
 * and optionally one per programme (scope = the programme id), used for visits to its cases.
 */
export const escalationChains = pgTable('escalation_chains', {
  scope: text('scope').primaryKey(),
  config: jsonb('config').$type<Escalation>().notNull(),
  updatedBy: uuid('updated_by').references(() => staff.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Staff safety settings: the buddy, and the check-out PIN with its duress twin (argon2id hashes). */
export const staffSafety = pgTable('staff_safety', {
  staffId: uuid('staff_id').primaryKey().references(() => staff.id, { onDelete: 'cascade' }),
  buddyId: uuid('buddy_id').references(() => staff.id),
  pinHash: text('pin_hash'),
  duressPinHash: text('duress_pin_hash'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Whereabouts: a field visit (with the lone-worker timer), office, off, other.
 * Location and purpose are encrypted: they can lead to a client.
 */
export const visits = pgTable('visits', {
  id: uuid('id').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  kind: text('kind').notNull(),
  caseId: uuid('case_id').references(() => cases.id),
  purposeEnc: bytea('purpose_enc'),
  locationType: text('location_type').notNull(),
  locationEnc: bytea('location_enc'),
  homeVisitReasonEnc: bytea('home_visit_reason_enc'),
  plannedStart: timestamp('planned_start', { withTimezone: true }).notNull(),
  plannedEnd: timestamp('planned_end', { withTimezone: true }).notNull(),
  buddyId: uuid('buddy_id').references(() => staff.id),
  status: text('status').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  /** When the worker is due back (check-out); check-ins move it. The chain counts from here. */
  dueAt: timestamp('due_at', { withTimezone: true }),
  checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  /**
   * Who acknowledged a chain step and so took the situation over. The chain stops for
   * the due time they answered (`takenOverFor`); a check-in sets a new due time, and
   * its chain runs again.
   */
  takenOverBy: uuid('taken_over_by').references(() => staff.id),
  takenOverAt: timestamp('taken_over_at', { withTimezone: true }),
  takenOverFor: timestamp('taken_over_for', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
}, (t) => [
  index('visits_day').on(t.plannedStart),
  index('visits_staff').on(t.staffId, t.plannedStart),
  index('visits_due').on(t.dueAt).where(sql`status = 'active'`),
  check('visits_kind_known', sql`${t.kind} in ('field','office','off','other')`),
  check('visits_status_known', sql`${t.status} in ('planned','active','checked_out','cancelled')`),
  check('visits_location_type_known', sql`${t.locationType} in ('area','safe_place','office','client_home','other')`),
]);

/**
 * Alerts: a step of the escalation chain, a panic alert or a silent duress alarm.
 * A chain step is unique per visit and due time: whichever instance fires it first
 * wins, the others find it there — that is what makes each step fire exactly once.
 */
export const safetyAlerts = pgTable('safety_alerts', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
  visitId: uuid('visit_id').references(() => visits.id),
  /** For chain steps: the visit's due time the step counted from. */
  stepOf: timestamp('step_of', { withTimezone: true }),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  firedAt: timestamp('fired_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  acknowledgedBy: uuid('acknowledged_by').references(() => staff.id),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('safety_alerts_step_once').on(t.visitId, t.kind, t.stepOf),
  index('safety_alerts_open').on(t.firedAt).where(sql`acknowledged_at is null`),
  check('safety_alerts_kind_known', sql`${t.kind} in ('reminder','buddy','managers','emergency','panic','duress')`),
]);

/** The visit's timeline. Duress events are never shown to the worker whose visit it is. */
export const visitEvents = pgTable('visit_events', {
  id: uuid('id').primaryKey(),
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  kind: text('kind').notNull(),
  actorId: uuid('actor_id').references(() => staff.id),
  alertId: uuid('alert_id').references(() => safetyAlerts.id),
  until: timestamp('until', { withTimezone: true }),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
}, (t) => [index('visit_events_visit').on(t.visitId, t.at)]);

/** Outgoing e-mail (and other channels): delivered by a job, retried, failures visible to managers. */
export const deliveries = pgTable('deliveries', {
  id: uuid('id').primaryKey(),
  channel: text('channel').notNull(),
  recipientId: uuid('recipient_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [index('deliveries_status').on(t.status, t.createdAt), check('deliveries_status_known', sql`${t.status} in ('pending','sent','failed')`)]);
