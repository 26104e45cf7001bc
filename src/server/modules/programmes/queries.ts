import { and, desc, eq, sql } from 'drizzle-orm';
import type { Programme, ProgrammeProfile, ProgrammeSummary } from '../../../contracts/programmes.ts';
import { staff } from '../../platform/auth/tables.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { programmes, programmeVersions } from './tables.ts';

export async function listProgrammes(db: Db): Promise<ProgrammeSummary[]> {
  const rows = await db.select({ id: programmes.id, name: programmes.name, version: programmes.currentVersion, updatedAt: programmes.updatedAt, profile: programmeVersions.profile })
    .from(programmes).innerJoin(programmeVersions, and(eq(programmeVersions.programmeId, programmes.id), eq(programmeVersions.version, programmes.currentVersion)))
    .orderBy(programmes.name);
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, goal: r.profile.goal, updatedAt: r.updatedAt.toISOString() }));
}

export async function findProgramme(db: Db | Tx, id: string): Promise<Programme | null> {
  const versions = await db.select({ version: programmeVersions.version, name: programmeVersions.name, profile: programmeVersions.profile, createdAt: programmeVersions.createdAt, createdByName: staff.displayName })
    .from(programmeVersions).leftJoin(staff, eq(staff.id, programmeVersions.createdBy))
    .where(eq(programmeVersions.programmeId, id)).orderBy(desc(programmeVersions.version));
  const current = versions[0];
  if (!current) return null;
  return {
    id, name: current.name, version: current.version, goal: current.profile.goal, updatedAt: current.createdAt.toISOString(), profile: current.profile,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdByName: v.createdByName })),
  };
}

/** One saved version of a profile (what a case was referred or accepted under). */
export async function findProgrammeVersion(db: Db | Tx, id: string, version: number): Promise<{ name: string; profile: ProgrammeProfile; createdAt: string } | null> {
  const row = (await db.select().from(programmeVersions).where(and(eq(programmeVersions.programmeId, id), eq(programmeVersions.version, version))).limit(1))[0];
  return row ? { name: row.name, profile: row.profile, createdAt: row.createdAt.toISOString() } : null;
}

/** The current version, locked against a concurrent change while a case is referred or accepted under it. */
export async function currentProgrammeVersion(tx: Tx, id: string): Promise<{ version: number; profile: ProgrammeProfile } | null> {
  const row = (await tx.execute<{ version: number; profile: ProgrammeProfile }>(sql`select v.version, v.profile from programmes p
    join programme_versions v on v.programme_id = p.id and v.version = p.current_version where p.id = ${id} for share of p`)).rows[0];
  return row ?? null;
}
