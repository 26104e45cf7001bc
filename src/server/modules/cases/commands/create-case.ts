import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { isUniqueViolation, type Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { cases } from '../tables.ts';

export async function createCase(opts: { db: Db; actor: Actor; requestId: string; codename: string }): Promise<{ id: string }> {
  return opts.db.transaction(async (tx) => {
    // Codenames differing only in capitals would be mixed up in daily use: compare without case.
    const taken = await tx.select({ id: cases.id }).from(cases).where(sql`lower(${cases.codename}) = lower(${opts.codename})`).limit(1);
    if (taken.length > 0) throw fieldError(409, 'codename', 'codename_taken', 'Another case already uses this codename');
    const id = randomUUID();
    try {
      await tx.insert(cases).values({ id, codename: opts.codename, createdBy: opts.actor.id });
    } catch (e) {
      if (isUniqueViolation(e)) throw fieldError(409, 'codename', 'codename_taken', 'Another case already uses this codename');
      throw e;
    }
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'case.create', outcome: 'success', objectType: 'case', objectId: id, caseId: id });
    return { id };
  });
}
