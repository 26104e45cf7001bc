import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ProgrammeProfile } from '../../../../contracts/programmes.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { programmes, programmeVersions } from '../tables.ts';

type Input = { name: string; profile: ProgrammeProfile };

/** A new programme starts at version 1. */
export async function createProgramme(opts: { db: Db; actor: Actor; requestId: string; input: Input }): Promise<{ id: string; version: number }> {
  return opts.db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.insert(programmes).values({ id, name: opts.input.name, currentVersion: 1 });
    await tx.insert(programmeVersions).values({ programmeId: id, version: 1, name: opts.input.name, profile: opts.input.profile, createdBy: opts.actor.id });
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'programme.create', outcome: 'success', objectType: 'programme', objectId: id });
    return { id, version: 1 };
  });
}

/** A change never rewrites a version: it adds the next one, so cases keep pointing at what they were accepted under. */
export async function updateProgramme(opts: { db: Db; actor: Actor; requestId: string; id: string; input: Input; expectedVersion: number }): Promise<{ id: string; version: number }> {
  return opts.db.transaction(async (tx) => {
    const current = (await tx.select({ v: programmes.currentVersion }).from(programmes).where(eq(programmes.id, opts.id)).for('update'))[0];
    if (!current) throw notFound();
    if (current.v !== opts.expectedVersion) {
      throw new AppError(409, 'programme_changed', 'Someone else saved this programme since you opened it. Reload to see their version, then make your change again.');
    }
    const version = current.v + 1;
    await tx.insert(programmeVersions).values({ programmeId: opts.id, version, name: opts.input.name, profile: opts.input.profile, createdBy: opts.actor.id });
    await tx.update(programmes).set({ name: opts.input.name, currentVersion: version, updatedAt: sql`now()` }).where(and(eq(programmes.id, opts.id), eq(programmes.currentVersion, current.v)));
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'programme.update', outcome: 'success', objectType: 'programme', objectId: opts.id });
    return { id: opts.id, version };
  });
}
