import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { notifyManagers } from '../../notifications/notify.ts';
import { breakGlassGrants, caseEvents } from '../tables.ts';
import { sealReason } from '../../../platform/audit/reasons.ts';

export const grantReasonPlace = (grantId: string) => ({ table: 'break_glass_grants', column: 'reason_enc', rowId: grantId });
const noSuchCodename = () => new AppError(404, 'codename_not_found', 'No case has this codename. Check the spelling with the person who gave it to you.', [{ path: 'codename', code: 'codename_not_found', message: 'No case has this codename' }]);

/**
 * Break the glass: someone not on the team opens a case in an emergency. The
 * exact codename is needed (there is no browsing), the reason is recorded,
 * access ends after the chosen hours (at most 4), every manager is alerted in
 * the same transaction, and the grant waits in the review queue.
 */
export async function breakGlass(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; codename: string; reason: string; hours: number }): Promise<{ caseId: string; expiresAt: string }> {
  const audit = { actor: opts.actor, requestId: opts.requestId };
  const out = await opts.db.transaction(async (tx) => {
    // System lookup by exact codename: the only thing it tells the caller is whether the codename exists.
    const target = (await tx.execute<{ id: string; onTeam: boolean }>(sql`select c.id,
        exists (select 1 from case_team t where t.case_id = c.id and t.staff_id = ${opts.actor.id}) as "onTeam"
      from cases c where lower(c.codename) = lower(${opts.codename}) for update of c`)).rows[0];
    if (!target) {
      await recordAudit(tx, audit, { action: 'case.break-glass.open', outcome: 'denied', objectType: 'case', reason: 'codename not found' });
      return null;
    }
    if (target.onTeam) throw new AppError(409, 'already_on_team', 'You are on this case team already: open it from your case list.');
    const id = randomUUID();
    const expires = sql`now() + make_interval(hours => ${opts.hours})`;
    const [grant] = await tx.insert(breakGlassGrants).values({ id, caseId: target.id, staffId: opts.actor.id, reasonEnc: opts.keyring.encrypt(grantReasonPlace(id), opts.reason), expiresAt: expires })
      .returning({ expiresAt: breakGlassGrants.expiresAt });
    await tx.insert(caseEvents).values({ id: randomUUID(), caseId: target.id, actorId: opts.actor.id, kind: 'break_glass.opened', data: { hours: opts.hours } });
    await notifyManagers(tx, { kind: 'break_glass', caseId: target.id, actorId: opts.actor.id });
    await recordAudit(tx, audit, { action: 'case.break-glass.open', outcome: 'success', objectType: 'case', objectId: target.id, caseId: target.id, reason: await sealReason(tx, opts.keyring, opts.reason), basis: 'break_glass' });
    return { caseId: target.id, expiresAt: grant!.expiresAt.toISOString() };
  });
  if (!out) throw noSuchCodename();
  return out;
}
