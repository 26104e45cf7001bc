import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ProgrammeProfile } from '../../../contracts/programmes.ts';
import { staff } from '../../platform/auth/tables.ts';

/** A programme of the organisation (e.g. prison, community); its profile is versioned. */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  currentVersion: integer('current_version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every saved profile stays: a case points at the version it was referred and accepted under. */
export const programmeVersions = pgTable('programme_versions', {
  programmeId: uuid('programme_id').notNull().references(() => programmes.id),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  profile: jsonb('profile').$type<ProgrammeProfile>().notNull(),
  createdBy: uuid('created_by').references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.programmeId, t.version] })]);
