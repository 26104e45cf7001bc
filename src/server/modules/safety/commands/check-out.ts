import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { verifyPassword } from '../../../platform/auth/password.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { raiseAlert } from '../alerts.ts';
import { safetyPolicy } from '../policy.ts';
import { staffSafety, visitEvents, visits } from '../tables.ts';
import { visitCommand, visitNotActive } from '../visit-command.ts';

/**
 * Ends the visit. A worker who has set PINs checks out with their PIN; checking
 * out with the duress PIN gives exactly the same answer and timeline on the
 * worker's side, and raises a silent alarm to the managers and the buddy.
 */
export async function checkOut(opts: { ctx: AppContext; actor: Actor; requestId: string; visitId: string; pin: string | undefined }): Promise<{ status: 'checked_out'; checkedOutAt: string }> {
  return visitCommand({ ...opts, action: 'visit.check_out', allowed: (v) => safetyPolicy.mayRunVisit(opts.actor, v) }, async ({ tx, client, visit, audit }) => {
    if (visit.status !== 'active') throw visitNotActive(visit.status);
    const pins = (await tx.select().from(staffSafety).where(eq(staffSafety.staffId, opts.actor.id)))[0];
    let duress = false;
    if (pins?.pinHash && pins.duressPinHash) {
      if (!opts.pin) throw fieldError(400, 'pin', 'pin_required', 'Enter your check-out PIN');
      // Both are checked every time, so the answer takes as long whichever PIN was given.
      const [normal, underDuress] = await Promise.all([verifyPassword(pins.pinHash, opts.pin), verifyPassword(pins.duressPinHash, opts.pin)]);
      if (!normal && !underDuress) throw fieldError(400, 'pin', 'pin_wrong', 'That PIN is not right');
      duress = underDuress;
    }
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    await tx.update(visits).set({ status: 'checked_out', checkedOutAt: new Date(now) }).where(eq(visits.id, visit.id));
    await tx.insert(visitEvents).values({ id: randomUUID(), visitId: visit.id, kind: 'checked_out', actorId: opts.actor.id });
    await audit();
    if (duress) {
      const buddyId = (await tx.select({ b: visits.buddyId }).from(visits).where(eq(visits.id, visit.id)))[0]?.b ?? null;
      await raiseAlert({ ctx: opts.ctx, tx, client, audit: { actor: { id: opts.actor.id, role: opts.actor.role }, requestId: opts.requestId }, kind: 'duress', subject: { staffId: opts.actor.id, visitId: visit.id, buddyId }, stepOf: null, dueAt: new Date(now) });
    }
    return { status: 'checked_out' as const, checkedOutAt: new Date(now).toISOString() };
  });
}
