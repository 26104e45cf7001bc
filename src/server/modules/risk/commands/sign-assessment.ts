import { eq, sql } from 'drizzle-orm';
import { addDays, type signAssessmentSchema } from '../../../../contracts/risk-assessment.ts';
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { caseCommand } from '../../cases/case-command.ts';
import { checkedRatings, lockDraft } from '../assessment-lock.ts';
import { certifiedSql, riskPolicy } from '../policy.ts';
import { judgementPlace, ratingsPlace } from '../presenter.ts';
import { riskAssessments } from '../tables.ts';

export const certificationRequired = (name: string) => new AppError(403, 'certification_required',
  `Signing with this instrument needs a current "${name}" certification on your staff record.`,
  [{ path: 'certification', code: 'certification_required', message: 'No current certification for this instrument', params: { name } }]);

/**
 * Signs the assessment as sent (the ratings and judgement the signer saw, at the
 * revision they saw). Unrated items are allowed and stay listed as missing
 * information. The next review is at most the instrument's interval away, and
 * earlier if the signer chooses (not today or before). From here on it never changes.
 */
export async function signAssessment(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; assessmentId: string; input: z.output<typeof signAssessmentSchema> }): Promise<{ number: number; revision: number; nextReviewOn: string }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'risk.assessment.sign' }, async ({ tx, found, audit, event, refuse }) => {
    if (!riskPolicy.mayDraft(opts.actor, found, found.status)) return refuse();
    const a = await lockDraft(tx, opts.caseId, opts.assessmentId, input.revision);
    const ratings = checkedRatings(a.definition, input.ratings);
    // The signing date is the database's, as for every other date the server keeps.
    const today = (await tx.execute<{ today: string }>(sql`select current_date::text as today`)).rows[0]!.today;
    const certified = a.requiresCertification
      ? (await tx.execute<{ ok: boolean }>(sql`select ${certifiedSql(opts.actor.id, a.certificationName ?? '', today)} as ok`)).rows[0]!.ok
      : true;
    if (!riskPolicy.maySign(opts.actor, found, found.status, a, certified)) return refuse('certification required', certificationRequired(a.certificationName ?? ''));
    const earliest = addDays(today, 1);
    const latest = addDays(today, a.reviewIntervalDays);
    const nextReviewOn = input.judgement.nextReviewOn ?? latest;
    if (nextReviewOn < earliest || nextReviewOn > latest) {
      throw new AppError(400, 'validation_failed', 'Some fields need attention', [{
        path: 'judgement.nextReviewOn', code: 'next_review_out_of_range', params: { earliest, latest },
        message: `The next review must be between ${earliest} and ${latest} (the instrument's review interval)`,
      }]);
    }
    const judgement = { ...input.judgement, nextReviewOn };
    const revision = a.revision + 1;
    const now = new Date();
    await tx.update(riskAssessments).set({
      status: 'signed', revision, riskLevel: judgement.riskLevel, nextReviewOn, signedBy: opts.actor.id, signedAt: now, updatedBy: opts.actor.id, updatedAt: now,
      ratingsEnc: opts.keyring.encrypt(ratingsPlace(a.id), JSON.stringify(ratings)),
      judgementEnc: opts.keyring.encrypt(judgementPlace(a.id), JSON.stringify(judgement)),
    }).where(eq(riskAssessments.id, a.id));
    // The level stays out of the timeline: emergency readers see the timeline but not the risk picture.
    await event('risk.assessment.signed', { number: a.number });
    await audit({ objectType: 'risk_assessment', objectId: a.id });
    return { number: a.number, revision, nextReviewOn };
  });
}
