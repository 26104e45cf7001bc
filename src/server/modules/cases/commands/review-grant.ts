import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { breakGlassGrants, caseEvents } from '../tables.ts';

export const grantReviewPlace = (grantId: string) => ({ table: 'break_glass_grants', column: 'review_note_enc', rowId: grantId });

/** A manager marks an emergency access as justified or not; the grant leaves the review queue. */
export async function reviewGrant(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; grantId: string; outcome: 'justified' | 'not_justified'; note: string }): Promise<void> {
  await opts.db.transaction(async (tx) => {
    const grant = (await tx.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, opts.grantId)).for('update'))[0];
    if (!grant) throw notFound();
    if (grant.reviewedAt) throw new AppError(409, 'already_reviewed', 'Another manager has reviewed this access already.');
    await tx.update(breakGlassGrants).set({
      reviewedBy: opts.actor.id, reviewedAt: sql`now()`, reviewOutcome: opts.outcome,
      reviewNoteEnc: opts.keyring.encrypt(grantReviewPlace(grant.id), opts.note),
      // A grant judged unjustified ends at once if it is still running — by the database's clock,
      // the one the access rule compares with, not this server's.
      ...(opts.outcome === 'not_justified' ? { expiresAt: sql`least(${breakGlassGrants.expiresAt}, now())` } : {}),
    }).where(and(eq(breakGlassGrants.id, grant.id), isNull(breakGlassGrants.reviewedAt)));
    await tx.insert(caseEvents).values({ id: randomUUID(), caseId: grant.caseId, actorId: opts.actor.id, kind: 'break_glass.reviewed', data: { outcome: opts.outcome } });
    await recordAudit(tx, { actor: opts.actor, requestId: opts.requestId }, { action: 'case.break-glass.review', outcome: 'success', objectType: 'break-glass-grant', objectId: grant.id, caseId: grant.caseId, basis: 'manager' });
  });
}
