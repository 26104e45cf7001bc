import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { staff } from '../../platform/auth/tables.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notifications } from './tables.ts';

export type NotificationKind = 'break_glass' | 'duplicate_check';

/** Alerts every active manager, in the same transaction as the event it reports. */
export async function notifyManagers(tx: Tx, opts: { kind: NotificationKind; caseId: string; actorId: string }): Promise<number> {
  const managers = await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.role, 'manager'), isNull(staff.disabledAt)));
  if (managers.length === 0) return 0;
  await tx.insert(notifications).values(managers.map((m) => ({ id: randomUUID(), recipientId: m.id, kind: opts.kind, caseId: opts.caseId, actorId: opts.actorId })));
  return managers.length;
}
