import { eq, sql } from 'drizzle-orm';
import type { Escalation } from '../../../../contracts/safety.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { programmes } from '../../programmes/tables.ts';
import { escalationChains } from '../tables.ts';

/** A manager sets the chain for the organisation ('default') or for one programme. */
export async function setEscalation(opts: { db: Db; actor: Actor; requestId: string; scope: string; config: Escalation }): Promise<Escalation> {
  return opts.db.transaction(async (tx) => {
    if (opts.scope !== 'default' && !(await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, opts.scope)))[0]) {
      throw fieldError(400, 'scope', 'programme_unknown', 'This programme does not exist');
    }
    await tx.insert(escalationChains).values({ scope: opts.scope, config: opts.config, updatedBy: opts.actor.id })
      .onConflictDoUpdate({ target: escalationChains.scope, set: { config: opts.config, updatedBy: opts.actor.id, updatedAt: sql`now()` } });
    await recordAudit(tx, { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId }, { action: 'safety.escalation.set', outcome: 'success', objectType: 'escalation_chain', objectId: opts.scope === 'default' ? undefined : opts.scope });
    return opts.config;
  });
}
