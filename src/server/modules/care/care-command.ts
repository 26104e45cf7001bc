import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { findStaff } from '../staff/queries.ts';
import { carePolicy } from './policy.ts';

/**
 * Every care command: in one transaction, the person must exist and their record
 * be the actor's to see (else 404, recorded), the action must be allowed (else
 * 403, recorded), then the write and its audit entry commit together.
 */
export async function careCommand<T>(opts: { db: Db; actor: Actor; requestId: string; staffId: string; action: string; allowed: boolean },
  run: (tx: Tx) => Promise<T>): Promise<T> {
  const audit = { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId };
  const base = { action: opts.action, objectType: 'staff', objectId: opts.staffId };
  const out = await opts.db.transaction(async (tx) => {
    const person = await findStaff(tx, opts.staffId);
    if (!person || !carePolicy.mayRead(opts.actor, opts.staffId)) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied', reason: 'not visible' });
      return { error: notFound() };
    }
    if (!opts.allowed) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied' });
      return { error: forbidden() };
    }
    const value = await run(tx);
    await recordAudit(tx, audit, { ...base, outcome: 'success' });
    return { value };
  });
  if ('error' in out) throw out.error;
  return out.value;
}
