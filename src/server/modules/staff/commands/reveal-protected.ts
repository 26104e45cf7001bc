import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { staffPolicy } from '../policy.ts';
import { protectedColumns, protectedPlace } from '../presenter.ts';
import type { ProtectedFieldName } from '../../../../contracts/staff.ts';
import { findStaff } from '../queries.ts';
import { sealReason } from '../../../platform/audit/reasons.ts';

/** One field at a time, with a reason, audited before the value leaves the server. */
export async function revealProtected(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; staffId: string; field: ProtectedFieldName; reason: string }): Promise<string | null> {
  const audit = { actor: opts.actor, requestId: opts.requestId };
  const outcome = await opts.db.transaction(async (tx) => {
    const target = await findStaff(tx, opts.staffId);
    if (!target) return 'not_found' as const;
    const allowed = staffPolicy.mayRevealProtected(opts.actor, target.id);
    await recordAudit(tx, audit, { action: `staff.protected.reveal.${opts.field}`, outcome: allowed ? 'success' : 'denied', objectType: 'staff', objectId: target.id, reason: await sealReason(tx, opts.keyring, opts.reason) });
    if (!allowed) return 'forbidden' as const;
    return { blob: target[protectedColumns[opts.field].key], id: target.id };
  });
  if (outcome === 'not_found') throw notFound();
  if (outcome === 'forbidden') throw forbidden();
  return outcome.blob ? opts.keyring.decrypt(protectedPlace(outcome.id, opts.field), outcome.blob) : null;
}
