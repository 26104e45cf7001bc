import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { staffPolicy } from '../policy.ts';
import { protectedColumns, protectedPlace } from '../presenter.ts';
import { protectedFields, type ProtectedFieldName } from '../../../../contracts/staff.ts';
import { findStaff } from '../queries.ts';

export type ProtectedInput = { [K in ProtectedFieldName]?: string | null | undefined };

export async function setProtected(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; staffId: string; input: ProtectedInput }): Promise<void> {
  const { db, keyring, input } = opts;
  const audit = { actor: opts.actor, requestId: opts.requestId };
  const target = await findStaff(db, opts.staffId);
  if (!target) throw notFound();
  if (!staffPolicy.mayWriteProtected(opts.actor, target.id)) {
    await db.transaction((tx) => recordAudit(tx, audit, { action: 'staff.protected.write', outcome: 'denied', objectType: 'staff', objectId: target.id }));
    throw forbidden();
  }
  const seal = (field: ProtectedFieldName, v: string | null | undefined) =>
    v === undefined ? undefined : v === null || v === '' ? null : keyring.encrypt(protectedPlace(target.id, field), v);
  const changes = Object.fromEntries(protectedFields.map((f) => [protectedColumns[f].key, seal(f, input[f])]));
  const fields = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k).join(',');
  await db.transaction(async (tx) => {
    await tx.update(staff).set({ ...changes, updatedAt: new Date() }).where(eq(staff.id, target.id));
    // Names which fields changed, never their values.
    await recordAudit(tx, audit, { action: 'staff.protected.write', outcome: 'success', objectType: 'staff', objectId: target.id, reason: `fields: ${fields}` });
  });
}
