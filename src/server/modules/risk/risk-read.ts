import { sql, type SQL } from 'drizzle-orm';
import type { AccessBasis } from '../../../contracts/cases.ts';
import type { CaseState } from '../../../contracts/intake.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { forbidden, notFound, type AppError } from '../../platform/http/errors.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql, type CaseFacts } from '../cases/policy.ts';
import { riskPolicy } from './policy.ts';

/** A case the actor can see, with the facts the risk policy decides on. */
export type RiskCase = CaseFacts & { id: string; codename: string; status: CaseState; basis: AccessBasis };

/** The case if the actor may see it at all (the case scope is part of the WHERE): one row or none. */
export function riskCaseSql(actor: Pick<Actor, 'id' | 'role'>, caseId: string): SQL {
  return sql`select c.id, c.codename, c.status, ${accessBasisSql(actor, 'c.id')} as basis,
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'role', t.role, 'identityAccess', t.identity_access)) from case_team t where t.case_id = c.id), '[]'::json) as team,
      coalesce((select json_agg(distinct g.staff_id) from break_glass_grants g where g.case_id = c.id and g.expires_at > now()), '[]'::json) as "breakGlassStaffIds"
    from cases c where c.id = ${caseId} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`;
}

/**
 * The shape every risk read shares, in one transaction: a case the actor cannot see
 * is a 404 exactly like one that does not exist; a case they see but whose risk
 * picture is not theirs to read (an emergency reader) is a 403; both are recorded.
 * `load` reads with the risk rule in its own SQL; the success entry is written
 * before anything is returned, and decryption happens after, in the presenter.
 */
export async function riskRead<T>(opts: { db: Db; actor: Actor; requestId: string; caseId: string; action: string; objectType?: string; objectId?: string },
  load: (tx: Tx, found: RiskCase) => Promise<T | null>): Promise<T> {
  const ctx = { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId };
  const base = { action: opts.action, objectType: opts.objectType ?? 'case', objectId: opts.objectId ?? opts.caseId, caseId: opts.caseId };
  const out = await opts.db.transaction(async (tx): Promise<{ value: T } | { error: AppError }> => {
    const found = (await tx.execute<RiskCase>(riskCaseSql(opts.actor, opts.caseId))).rows[0];
    if (!found) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', reason: 'not visible' });
      return { error: notFound() };
    }
    if (!riskPolicy.mayRead(opts.actor, found)) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis, reason: 'risk not readable' });
      return { error: forbidden() };
    }
    const value = await load(tx, found);
    if (value === null) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis, reason: 'not found' });
      return { error: notFound() };
    }
    await recordAudit(tx, ctx, { ...base, outcome: 'success', basis: found.basis });
    return { value };
  });
  if ('error' in out) throw out.error;
  return out.value;
}
