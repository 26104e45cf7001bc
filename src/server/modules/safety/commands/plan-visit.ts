import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { planVisitSchema } from '../../../../contracts/safety.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { AppContext } from '../../../platform/context.ts';
import { transactionWithClient } from '../../../platform/db/client.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { findVisibleCase } from '../../cases/queries.ts';
import { visitPlace } from '../queries.ts';
import { staffSafety, visitEvents, visits } from '../tables.ts';
import { scheduleEscalation } from './advance-escalation.ts';

/**
 * Records where the actor will be. A case can be named only if the actor may see
 * it (else the same "not found" as a case that does not exist). A field visit
 * started now starts its timer: the first escalation job is queued in the same
 * transaction, so a visit is never running without one.
 */
export async function planVisit(opts: { ctx: AppContext; actor: Actor; requestId: string; input: z.output<typeof planVisitSchema> }): Promise<{ id: string }> {
  const { ctx, actor, input } = opts;
  return transactionWithClient(ctx.db, async (tx, client) => {
    if (input.caseId && !(await findVisibleCase(tx, actor, input.caseId))) throw fieldError(400, 'caseId', 'case_unknown', 'No case you work on has this id');
    let buddyId = input.buddyId;
    if (buddyId === null && input.kind === 'field') buddyId = (await tx.select({ b: staffSafety.buddyId }).from(staffSafety).where(eq(staffSafety.staffId, actor.id)))[0]?.b ?? null;
    if (buddyId) {
      const b = await tx.select({ id: staff.id }).from(staff).where(sql`${staff.id} = ${buddyId} and ${staff.disabledAt} is null`);
      if (!b[0] || buddyId === actor.id) throw fieldError(400, 'buddyId', 'buddy_unknown', 'Choose an active colleague as buddy');
    }
    const id = randomUUID();
    const now = (await tx.execute<{ now: Date }>(sql`select clock_timestamp() as now`)).rows[0]!.now;
    const start = input.startNow;
    const plannedStart = new Date(input.plannedStart);
    const plannedEnd = new Date(input.plannedEnd);
    if (start && plannedEnd.getTime() <= new Date(now).getTime()) throw fieldError(400, 'plannedEnd', 'end_in_past', 'The expected end has already passed');
    await tx.insert(visits).values({
      id, staffId: actor.id, kind: input.kind, caseId: input.caseId,
      purposeEnc: input.purpose ? ctx.keyring.encrypt(visitPlace(id, 'purpose_enc'), input.purpose) : null,
      locationType: input.locationType,
      locationEnc: input.location ? ctx.keyring.encrypt(visitPlace(id, 'location_enc'), input.location) : null,
      homeVisitReasonEnc: input.locationType === 'client_home' ? ctx.keyring.encrypt(visitPlace(id, 'home_visit_reason_enc'), input.homeVisitReason) : null,
      plannedStart: start ? new Date(now) : plannedStart, plannedEnd, buddyId,
      status: start ? 'active' : 'planned', startedAt: start ? new Date(now) : null, dueAt: start ? plannedEnd : null,
    });
    await tx.insert(visitEvents).values({ id: randomUUID(), visitId: id, kind: start ? 'started' : 'planned', actorId: actor.id, until: start ? plannedEnd : null });
    await recordAudit(tx, { actor: { id: actor.id, role: actor.role }, requestId: opts.requestId }, { action: start ? 'visit.start' : 'visit.plan', outcome: 'success', objectType: 'visit', objectId: id, ...(input.caseId ? { caseId: input.caseId } : {}) });
    if (start) await scheduleEscalation({ ctx, client, visitId: id, at: plannedEnd });
    return { id };
  });
}
