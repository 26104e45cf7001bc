import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { signalStaff } from '../../../platform/live/hub.ts';
import { notifications } from '../../notifications/tables.ts';
import { safetyPolicy } from '../policy.ts';
import { safetyAlerts, visitEvents, visits } from '../tables.ts';

/**
 * "I take this over": records who responds, stops the visit's chain, and tells the
 * other recipients (live) that someone has it. The second responder learns who was first.
 */
export async function acknowledgeAlert(opts: { ctx: AppContext; actor: Actor; requestId: string; alertId: string }): Promise<{ acknowledgedAt: string }> {
  const audit = { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId };
  const base = { action: 'safety.alert.acknowledge', objectType: 'safety_alert', objectId: opts.alertId };
  const out = await opts.ctx.db.transaction(async (tx) => {
    const alert = (await tx.select().from(safetyAlerts).where(eq(safetyAlerts.id, opts.alertId)).for('update'))[0];
    const recipients = alert ? (await tx.select({ id: notifications.recipientId }).from(notifications).where(eq(notifications.alertId, alert.id))).map((r) => r.id) : [];
    // Out of scope is the same 404 as nonexistent: only recipients and managers know the alert exists,
    // and the person an alarm is about never learns of it.
    const visible = alert && !(alert.kind === 'duress' && alert.staffId === opts.actor.id)
      && (opts.actor.role === 'manager' || recipients.includes(opts.actor.id) || alert.staffId === opts.actor.id);
    if (!alert || !visible) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied', reason: 'not visible' });
      return { error: notFound() };
    }
    if (!safetyPolicy.mayAcknowledge(opts.actor, { staffId: alert.staffId, recipients })) {
      await recordAudit(tx, audit, { ...base, outcome: 'denied' });
      return { error: forbidden() };
    }
    if (alert.acknowledgedAt) {
      const by = (await tx.execute<{ name: string }>(sql`select display_name as name from staff where id = ${alert.acknowledgedBy}`)).rows[0]?.name ?? '';
      return { error: new AppError(409, 'already_acknowledged', 'Someone has already taken this over.', [{ path: 'alert', code: 'already_acknowledged', message: by }]) };
    }
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    await tx.update(safetyAlerts).set({ acknowledgedBy: opts.actor.id, acknowledgedAt: new Date(now) }).where(eq(safetyAlerts.id, alert.id));
    // A chain step taken over stops that chain (for the due time it counted from). A panic or
    // duress alarm does not stop the timer: if the worker then misses the check-out, the chain
    // must still run; and a duress alarm's worker must not see it taken over.
    if (alert.visitId && alert.stepOf) {
      await tx.update(visits).set({ takenOverBy: opts.actor.id, takenOverAt: new Date(now), takenOverFor: alert.stepOf })
        .where(and(eq(visits.id, alert.visitId), or(isNull(visits.takenOverFor), ne(visits.takenOverFor, alert.stepOf))));
    }
    if (alert.visitId) await tx.insert(visitEvents).values({ id: randomUUID(), visitId: alert.visitId, kind: `acknowledged_${alert.kind}`, actorId: opts.actor.id, alertId: alert.id });
    await tx.update(notifications).set({ readAt: new Date(now) }).where(and(eq(notifications.alertId, alert.id), eq(notifications.recipientId, opts.actor.id)));
    await recordAudit(tx, audit, { ...base, outcome: 'success' });
    await signalStaff(tx, recipients);
    return { value: { acknowledgedAt: new Date(now).toISOString() } };
  });
  if ('error' in out) throw out.error;
  return out.value;
}
