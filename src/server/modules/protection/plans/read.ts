import { sql } from 'drizzle-orm';
import type { AccessBasis } from '../../../../contracts/cases.ts';
import type { CaseState } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit, type AuditEntry } from '../../../platform/audit/record.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql, type CaseFacts } from '../../cases/policy.ts';
import { protectionPolicy, type ProtectionPart } from '../policy.ts';

/** What a plan read needs to know about the case: enough for the protection policy, nothing encrypted. */
export type PlanCase = CaseFacts & { id: string; codename: string; status: CaseState; basis: AccessBasis };

/** The case if the actor may see it (the scope is in the WHERE), else null like a case that does not exist. */
export async function findPlanCase(tx: Tx, actor: Actor, caseId: string): Promise<PlanCase | null> {
  const rows = await tx.execute<PlanCase>(sql`select c.id, c.codename, c.status, ${accessBasisSql({ id: actor.id, role: actor.role }, 'c.id')} as basis,
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'role', t.role, 'identityAccess', t.identity_access)) from case_team t where t.case_id = c.id), '[]'::json) as team,
      coalesce((select json_agg(distinct g.staff_id) from break_glass_grants g where g.case_id = c.id and g.expires_at > now()), '[]'::json) as "breakGlassStaffIds"
    from cases c where c.id = ${caseId} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`);
  return rows.rows[0] ?? null;
}

const NOT_VISIBLE = Symbol('not visible');
const REFUSED = Symbol('refused');

/**
 * A read of one protection part of a case, in one transaction: a case the actor
 * may not see is a recorded denial and a 404; a part they may not read (of a case
 * they see) a recorded denial and a 403; otherwise the data is loaded and the
 * read's audit entry is written before anything is returned. `extraCheck` lets a
 * read refuse what the part allows in general (e.g. sealed parts on the card).
 */
export async function protectedRead<T>(
  opts: { db: Db; actor: Actor; requestId: string; caseId: string; action: string; part: ProtectionPart; objectType?: string; reason?: string; extraCheck?: (found: PlanCase) => boolean },
  load: (tx: Tx, found: PlanCase) => Promise<T>,
): Promise<T> {
  const ctx = { actor: opts.actor, requestId: opts.requestId };
  const base: AuditEntry = { action: opts.action, outcome: 'success', objectType: opts.objectType ?? 'case', objectId: opts.caseId, caseId: opts.caseId };
  const result = await opts.db.transaction(async (tx) => {
    const found = await findPlanCase(tx, opts.actor, opts.caseId);
    if (!found) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', reason: 'not visible' });
      return NOT_VISIBLE;
    }
    if (!protectionPolicy.mayRead(opts.actor, found, opts.part) || (opts.extraCheck && !opts.extraCheck(found))) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis });
      return REFUSED;
    }
    const value = await load(tx, found);
    await recordAudit(tx, ctx, { ...base, basis: found.basis, ...(opts.reason ? { reason: opts.reason } : {}) });
    return { value };
  });
  if (result === NOT_VISIBLE) throw notFound();
  if (result === REFUSED) throw forbidden();
  return result.value;
}
