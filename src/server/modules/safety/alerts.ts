import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type pg from 'pg';
import type { AlertKind } from '../../../contracts/safety.ts';
import { staff } from '../../platform/auth/tables.ts';
import { recordAudit, type AuditContext } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { onConnection, queues } from '../../platform/jobs/boss.ts';
import { signalStaff } from '../../platform/live/hub.ts';
import { notifications } from '../notifications/tables.ts';
import { deliveries, safetyAlerts, visitEvents } from './tables.ts';

export type AlertSubject = { staffId: string; visitId: string | null; buddyId: string | null };

async function activeStaffIds(tx: Tx, roles: string[]): Promise<string[]> {
  return (await tx.select({ id: staff.id }).from(staff).where(and(inArray(staff.role, roles), isNull(staff.disabledAt)))).map((r) => r.id);
}

/**
 * Who is told, per kind: only active accounts. The person the alert is about is told
 * only of their own reminder. If nobody is left (no active buddy, no other manager),
 * the managers and security officers are told: an alarm must never go to nobody.
 */
async function recipientsFor(tx: Tx, kind: AlertKind, subject: AlertSubject): Promise<string[]> {
  if (kind === 'reminder') return [subject.staffId];
  const buddy = subject.buddyId
    ? (await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.id, subject.buddyId), isNull(staff.disabledAt)))).map((r) => r.id)
    : [];
  let ids: string[];
  switch (kind) {
    case 'buddy': ids = buddy.length ? buddy : await activeStaffIds(tx, ['manager']); break;
    case 'managers': ids = await activeStaffIds(tx, ['manager']); break;
    case 'emergency': ids = await activeStaffIds(tx, ['manager', 'security_officer']); break;
    case 'panic': case 'duress': ids = [...await activeStaffIds(tx, ['manager']), ...buddy]; break;
  }
  const others = (list: string[]) => [...new Set(list)].filter((id) => id !== subject.staffId);
  const chosen = others(ids);
  return chosen.length ? chosen : others(await activeStaffIds(tx, ['manager', 'security_officer']));
}

const SMS_KINDS: readonly AlertKind[] = ['managers', 'emergency', 'panic', 'duress'];

/** Neutral text for channels outside Exitdesk: no names, no places, no case. */
function outsideText(ctx: AppContext, kind: AlertKind): { subject: string; body: string } {
  const what = kind === 'panic' ? 'PANIC alert / Panikalarm'
    : kind === 'duress' ? 'Silent alarm / Stiller Alarm'
    : kind === 'reminder' ? 'Your field visit is overdue: check in or check out / Ihr Außentermin ist überfällig: bitte melden'
    : 'A colleague has not checked out of a field visit / Eine Kollegin oder ein Kollege hat sich nicht zurückgemeldet';
  return { subject: `Exitdesk: ${what}`, body: `${what}\n\nOpen Exitdesk to respond / Exitdesk öffnen: ${ctx.baseUrl}/safety\n` };
}

/**
 * Raises one alert in the caller's transaction: the alert row, an in-app
 * notification per recipient, outside deliveries queued as jobs on the same
 * connection, the visit's timeline, the audit entry, and the live signal (sent on
 * commit). For chain steps the unique (visit, kind, due time) decides: if the row
 * exists already, another run fired this step and nothing is done (returns null).
 */
export async function raiseAlert(opts: {
  ctx: AppContext; tx: Tx; client: pg.PoolClient; audit: AuditContext;
  kind: AlertKind; subject: AlertSubject; stepOf: Date | null; dueAt: Date;
}): Promise<{ alertId: string; recipients: string[] } | null> {
  const { ctx, tx, kind, subject } = opts;
  const alertId = randomUUID();
  const inserted = await tx.insert(safetyAlerts).values({ id: alertId, kind, staffId: subject.staffId, visitId: subject.visitId, stepOf: opts.stepOf, dueAt: opts.dueAt })
    .onConflictDoNothing().returning({ id: safetyAlerts.id });
  if (inserted.length === 0) return null;
  const recipients = await recipientsFor(tx, kind, subject);
  const rows = recipients.map((recipientId) => ({ id: randomUUID(), recipientId, kind: `safety_${kind}`, alertId, actorId: subject.staffId }));
  if (rows.length) await tx.insert(notifications).values(rows);
  const text = outsideText(ctx, kind);
  const outgoing = [
    ...(ctx.channels.email ? rows.map((n) => ({ channel: 'email', n })) : []),
    ...(ctx.channels.sms && SMS_KINDS.includes(kind) ? rows.map((n) => ({ channel: 'sms', n })) : []),
  ].map(({ channel, n }) => ({ id: randomUUID(), channel, recipientId: n.recipientId, notificationId: n.id, subject: text.subject, body: text.body }));
  if (outgoing.length) {
    await tx.insert(deliveries).values(outgoing);
    await ctx.jobs?.insert(queues.delivery.name, outgoing.map((d) => ({ data: { deliveryId: d.id } })), { db: onConnection(opts.client) });
  }
  if (subject.visitId) await tx.insert(visitEvents).values({ id: randomUUID(), visitId: subject.visitId, kind: `alert_${kind}`, alertId, actorId: kind === 'panic' || kind === 'duress' ? subject.staffId : null });
  await recordAudit(tx, opts.audit, {
    action: `safety.alert.${kind}`, outcome: 'success',
    objectType: subject.visitId ? 'visit' : 'staff', objectId: subject.visitId ?? subject.staffId,
  });
  await signalStaff(tx, recipients);
  return { alertId, recipients };
}
