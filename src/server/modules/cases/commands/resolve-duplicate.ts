import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { duplicateReviews } from '../tables.ts';

/** A manager records whether two cases are the same person. */
export async function resolveDuplicate(opts: { db: Db; actor: Actor; requestId: string; reviewId: string; outcome: 'same_person' | 'different_person' }): Promise<void> {
  await opts.db.transaction(async (tx) => {
    const review = (await tx.select().from(duplicateReviews).where(eq(duplicateReviews.id, opts.reviewId)).for('update'))[0];
    if (!review) throw notFound();
    if (review.resolvedAt) throw new AppError(409, 'already_resolved', 'Another manager has looked at this already.');
    await tx.update(duplicateReviews).set({ resolvedBy: opts.actor.id, resolvedAt: new Date(), outcome: opts.outcome }).where(eq(duplicateReviews.id, review.id));
    // No timeline event: the team reads the timeline, and "same" or "different person" would both tell
    // them that a client elsewhere has this name and birth date. The queue and the audit log keep it.
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'case.duplicate.resolve', outcome: 'success', objectType: 'duplicate-review', objectId: review.id, caseId: review.caseId, basis: 'manager' });
  });
}
