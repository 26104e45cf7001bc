import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { careCommand } from '../care-command.ts';
import { carePolicy } from '../policy.ts';
import { careCheckups } from '../tables.ts';

/** A manager records when the person's next check-up is due. */
export async function setCheckupDue(opts: { db: Db; actor: Actor; requestId: string; staffId: string; dueOn: string }): Promise<{ id: string }> {
  return careCommand({ ...opts, action: 'care.checkup.schedule', allowed: carePolicy.mayKeepCheckups(opts.actor) }, async (tx) => {
    const id = randomUUID();
    await tx.insert(careCheckups).values({ id, staffId: opts.staffId, dueOn: opts.dueOn, recordedBy: opts.actor.id });
    return { id };
  });
}
