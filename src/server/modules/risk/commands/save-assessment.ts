import { eq } from 'drizzle-orm';
import type { SaveAssessmentInput } from '../../../../contracts/risk-assessment.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../../cases/case-command.ts';
import { checkedRatings, lockDraft } from '../assessment-lock.ts';
import { riskPolicy } from '../policy.ts';
import { judgementPlace, ratingsPlace } from '../presenter.ts';
import { riskAssessments } from '../tables.ts';

/**
 * Saves a draft as far as it goes: any number of items rated, the judgement as
 * typed so far. Everything is encrypted; the revision guards against overwriting
 * a colleague's save (409 `assessment_changed`).
 */
export async function saveAssessment(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; assessmentId: string; input: SaveAssessmentInput }): Promise<{ revision: number; savedAt: string }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'risk.assessment.save' }, async ({ tx, found, audit, refuse }) => {
    if (!riskPolicy.mayDraft(opts.actor, found, found.status)) return refuse();
    const a = await lockDraft(tx, opts.caseId, opts.assessmentId, input.revision);
    const ratings = checkedRatings(a.definition, input.ratings);
    const savedAt = new Date();
    const revision = a.revision + 1;
    await tx.update(riskAssessments).set({
      revision, updatedBy: opts.actor.id, updatedAt: savedAt,
      ratingsEnc: opts.keyring.encrypt(ratingsPlace(a.id), JSON.stringify(ratings)),
      // Without a judgement in the request, the one saved before stays.
      ...(input.judgement ? { judgementEnc: opts.keyring.encrypt(judgementPlace(a.id), JSON.stringify(input.judgement)) } : {}),
    }).where(eq(riskAssessments.id, a.id));
    await audit({ objectType: 'risk_assessment', objectId: a.id });
    return { revision, savedAt: savedAt.toISOString() };
  });
}
