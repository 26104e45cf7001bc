import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { casePlace } from '../presenter.ts';
import { cases, conductDecisions } from '../tables.ts';

export const decisionPlace = (id: string) => ({ table: 'conduct_decisions', column: 'reasons_enc', rowId: id });

/** A manager warns the client or dismisses them; a dismissal closes the case with reason "dismissed". */
export async function decideConduct(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; decision: 'warning' | 'dismissal'; reasons: string; expectedVersion: number }): Promise<{ version: number; status: string }> {
  return caseCommand({ ...opts, action: `case.conduct.${opts.decision}` }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayDecideConduct(opts.actor)) return refuse();
    if (found.status === 'closed') {
      throw new AppError(409, 'transition_not_allowed', 'A closed case cannot be warned or dismissed', [{ path: 'decision', code: 'transition_not_allowed', message: 'The case is closed', params: { from: 'closed', to: opts.decision } }]);
    }
    const version = await claimVersion(opts.expectedVersion);
    const id = randomUUID();
    await tx.insert(conductDecisions).values({ id, caseId: opts.caseId, decision: opts.decision, reasonsEnc: opts.keyring.encrypt(decisionPlace(id), opts.reasons), decidedBy: opts.actor.id });
    let status: string = found.status;
    if (opts.decision === 'dismissal') {
      status = 'closed';
      await tx.update(cases).set({ status, closureReason: 'dismissed', closureTextEnc: opts.keyring.encrypt(casePlace(opts.caseId, 'closure_text_enc'), opts.reasons) }).where(eq(cases.id, opts.caseId));
      await event('state.changed', { from: found.status, to: 'closed', closureReason: 'dismissed' }, opts.reasons);
    } else {
      await event('conduct.warning', {}, opts.reasons);
    }
    await audit({ objectType: 'conduct-decision', objectId: id });
    return { version, status };
  });
}
