import { eq, sql } from 'drizzle-orm';
import { staff } from '../../../platform/auth/tables.ts';
import type { AppContext } from '../../../platform/context.ts';
import { signalStaff } from '../../../platform/live/hub.ts';
import { deliveries } from '../tables.ts';

/** A short, content-free description of why sending failed (the SMTP reply code or the network error). */
function failureCode(e: unknown): string {
  const err = e as { responseCode?: number; code?: string; name?: string };
  if (typeof err?.responseCode === 'number') return `smtp_${err.responseCode}`;
  return (err?.code ?? err?.name ?? 'error').slice(0, 40);
}

/**
 * Sends one queued message. On failure the attempt is counted and the error kept
 * (no content), and the job is retried with back-off; after the last try the
 * delivery is marked failed and managers see it. The in-app alert never waits for this.
 */
export async function deliver(opts: { ctx: AppContext; deliveryId: string; lastTry: boolean }): Promise<'sent' | 'failed' | 'retry' | 'gone'> {
  const { ctx } = opts;
  const rows = await ctx.db.select({ d: deliveries, email: staff.email }).from(deliveries).innerJoin(staff, eq(staff.id, deliveries.recipientId)).where(eq(deliveries.id, opts.deliveryId));
  const row = rows[0];
  if (!row || row.d.status === 'sent') return 'gone';
  const channel = row.d.channel === 'email' ? ctx.channels.email : ctx.channels.sms;
  try {
    if (!channel) throw Object.assign(new Error('channel not configured'), { code: 'not_configured' });
    await channel.send({ staffId: row.d.recipientId, email: row.email }, { subject: row.d.subject, body: row.d.body });
  } catch (e) {
    const failed = opts.lastTry;
    await ctx.db.transaction(async (tx) => {
      await tx.update(deliveries).set({ attempts: sql`${deliveries.attempts} + 1`, lastError: failureCode(e), status: failed ? 'failed' : 'pending' }).where(eq(deliveries.id, opts.deliveryId));
      if (failed) {
        // Managers are told, except one a duress alarm is about.
        const managers = (await tx.execute<{ id: string }>(sql`select s.id from staff s where s.role = 'manager' and s.disabled_at is null
          and not exists (select 1 from notifications n join safety_alerts a on a.id = n.alert_id where n.id = ${row.d.notificationId} and a.kind = 'duress' and a.staff_id = s.id)`)).rows.map((r) => r.id);
        await signalStaff(tx, managers);
      }
    });
    return failed ? 'failed' : 'retry';
  }
  await ctx.db.update(deliveries).set({ attempts: sql`${deliveries.attempts} + 1`, status: 'sent', sentAt: sql`clock_timestamp()`, lastError: null }).where(eq(deliveries.id, opts.deliveryId));
  return 'sent';
}
