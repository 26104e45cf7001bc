import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.ts';

export const organisation = pgTable('organisation', {
  id: smallint('id').primaryKey().default(1),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('organisation_singleton', sql`${t.id} = 1`)]);

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  totpSecretEnc: bytea('totp_secret_enc'),
  /** Last TOTP time step accepted, so a code cannot be used twice. */
  totpLastStep: integer('totp_last_step'),
  mfaEnrolledAt: timestamp('mfa_enrolled_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  homeAddressEnc: bytea('home_address_enc'),
  privatePhoneEnc: bytea('private_phone_enc'),
  emergencyContactsEnc: bytea('emergency_contacts_enc'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('staff_role_known', sql`${t.role} in ('manager','exit_worker','security_officer','spokesperson','finance','administrator')`)]);

export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  codeHash: bytea('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [index('recovery_codes_staff').on(t.staffId)]);

export const sessions = pgTable('sessions', {
  idHash: bytea('id_hash').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  /** 'mfa' until the second factor is given; only 'active' sessions reach protected routes. */
  stage: text('stage').notNull(),
  pendingTotpSecretEnc: bytea('pending_totp_secret_enc'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  mfaAt: timestamp('mfa_at', { withTimezone: true }),
}, (t) => [index('sessions_staff').on(t.staffId)]);

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

export const setupTokens = pgTable('setup_tokens', {
  tokenHash: bytea('token_hash').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
