import type pg from 'pg';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit, type AuditEntry } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { transactionWithClient, type Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findVisibleVisit } from './queries.ts';

type Found = NonNullable<Awaited<ReturnType<typeof findVisibleVisit>>>;

export type VisitScope = {
  tx: Tx;
  client: pg.PoolClient;
  visit: Found;
  audit: (entry?: Partial<AuditEntry>) => Promise<void>;
};

/**
 * The shape of every visit command: in one transaction, lock the visit if its
 * details are the actor's to see (else 404, as if it did not exist, and the denial
 * recorded), check the policy (403, recorded), run, and audit beside the change.
 */
export async function visitCommand<T>(opts: { ctx: AppContext; actor: Actor; requestId: string; visitId: string; action: string; allowed: (visit: Found) => boolean },
  run: (scope: VisitScope) => Promise<T>): Promise<T> {
  const audit = { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId };
  const base = { action: opts.action, objectType: 'visit', objectId: opts.visitId };
  const outcome = await transactionWithClient(opts.ctx.db, async (tx, client) => {
    const visit = await findVisibleVisit(tx, opts.ctx.keyring, opts.actor, opts.visitId, { lock: true });
    if (!visit) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied', reason: 'not visible' });
      return { error: notFound() };
    }
    if (!opts.allowed(visit)) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied' });
      return { error: forbidden() };
    }
    const value = await run({ tx, client, visit, audit: (entry = {}) => recordAudit(tx, audit, { ...base, outcome: 'success', ...entry }) });
    return { value };
  });
  if ('error' in outcome) throw outcome.error as AppError;
  return outcome.value;
}

export const visitNotActive = (status: string) => new AppError(409, 'visit_not_active', 'This visit is not running: it was not started or has already ended.', [{ path: 'status', code: 'visit_not_active', message: status }]);
