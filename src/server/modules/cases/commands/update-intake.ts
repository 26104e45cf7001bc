import { eq } from 'drizzle-orm';
import type { EligibilityFacts, Referral } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { casePlace } from '../presenter.ts';
import { cases } from '../tables.ts';

/** Corrects the referral and records what is known against the target-group criteria. */
export async function updateIntake(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; referral: Referral; facts: EligibilityFacts; expectedVersion: number }): Promise<{ version: number }> {
  return caseCommand({ ...opts, action: 'case.intake.update' }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayEditIntake(opts.actor, found, found.status)) return refuse(found.status === 'referral' || found.status === 'intake' ? undefined : 'case already accepted');
    const version = await claimVersion(opts.expectedVersion);
    const k = opts.keyring;
    await tx.update(cases).set({
      referralRoute: opts.referral.route, referredOn: opts.referral.referredOn,
      referrerEnc: k.encrypt(casePlace(opts.caseId, 'referrer_enc'), opts.referral.referrer),
      firstInformationEnc: k.encrypt(casePlace(opts.caseId, 'first_information_enc'), opts.referral.firstInformation),
      eligibilityFactsEnc: k.encrypt(casePlace(opts.caseId, 'eligibility_facts_enc'), JSON.stringify(opts.facts)),
    }).where(eq(cases.id, opts.caseId));
    await event('intake.updated');
    await audit();
    return { version };
  });
}
