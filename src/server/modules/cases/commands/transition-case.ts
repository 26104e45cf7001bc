import { eq } from 'drizzle-orm';
import { evaluateEligibility, emptyEligibilityFacts, type EligibilityFacts, type GateItem, type TransitionInput } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { currentProgrammeVersion } from '../../programmes/queries.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions, transitionsFrom } from '../policy.ts';
import { casePlace } from '../presenter.ts';
import type { VisibleCase } from '../queries.ts';
import { cases } from '../tables.ts';
import { sealReason } from '../../../platform/audit/reasons.ts';

const gateMessages: Record<GateItem, string> = {
  intake_discussion: 'Record the intake case discussion',
  discussion_accepts: 'The latest intake case discussion did not decide to accept',
  risk_screening: 'Record the initial risk screening',
  eligibility_reason: 'This person is outside the target group or some criteria are unknown: write why you accept them',
};

/** What is still missing before intake can become an active case (the safeguarding gate). */
export function missingForAcceptance(found: Pick<VisibleCase, 'discussion' | 'screening'>, eligibilityInside: boolean, hasReason: boolean): GateItem[] {
  const missing: GateItem[] = [];
  if (!found.discussion) missing.push('intake_discussion');
  else if (found.discussion.decision !== 'accept') missing.push('discussion_accepts');
  if (!found.screening) missing.push('risk_screening');
  if (!eligibilityInside && !hasReason) missing.push('eligibility_reason');
  return missing;
}

const stateAfter = (to: TransitionInput['to'], found: VisibleCase) =>
  to === 'resumed' ? 'active' : to === 'reopened' ? (found.programmeVersionAccepted === null ? 'intake' : 'active') : to;

/**
 * Moves a case through referral → intake → active ⇄ suspended → closed (and back
 * by reopening). Impossible moves are a 409 naming the current state; acceptance
 * is refused with a 409 listing what the safeguarding gate still misses.
 */
export async function transitionCase(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: TransitionInput }): Promise<{ version: number; status: string }> {
  const { input, keyring } = opts;
  return caseCommand({ ...opts, action: `case.transition.${input.to}` }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayTransition(opts.actor, found, input.to)) return refuse();
    if (!transitionsFrom[input.to].includes(found.status)) {
      throw new AppError(409, 'transition_not_allowed', `A case in state "${found.status}" cannot be moved this way`, [{ path: 'to', code: 'transition_not_allowed', message: `Not possible from state ${found.status}`, params: { from: found.status, to: input.to } }]);
    }
    const version = await claimVersion(input.expectedVersion);
    const from = found.status;
    const to = stateAfter(input.to, found);
    const set: Partial<typeof cases.$inferInsert> = { status: to };
    let text: string | undefined;
    if (input.to === 'active') {
      const programme = await currentProgrammeVersion(tx, found.programmeId);
      if (!programme) throw new Error('case programme missing');
      const facts: EligibilityFacts = found.eligibilityFactsEnc
        ? JSON.parse(await keyring.decrypt(casePlace(opts.caseId, 'eligibility_facts_enc'), Buffer.from(found.eligibilityFactsEnc, 'base64')))
        : emptyEligibilityFacts;
      const inside = evaluateEligibility(programme.profile, facts).inside;
      const missing = missingForAcceptance(found, inside, !!input.outsideTargetReason);
      if (missing.length > 0) {
        throw new AppError(409, 'gate_incomplete', `The case cannot become active yet: ${missing.map((m) => gateMessages[m]).join('; ')}`,
          missing.map((m) => ({ path: m === 'eligibility_reason' ? 'outsideTargetReason' : 'gate', code: `gate_${m}`, message: gateMessages[m] })));
      }
      set.programmeVersionAccepted = programme.version;
      set.outsideTargetReasonEnc = !inside && input.outsideTargetReason ? keyring.encrypt(casePlace(opts.caseId, 'outside_target_reason_enc'), input.outsideTargetReason) : null;
      text = inside ? undefined : input.outsideTargetReason;
    } else if (input.to === 'closed') {
      set.closureReason = input.closureReason;
      set.closureTextEnc = keyring.encrypt(casePlace(opts.caseId, 'closure_text_enc'), input.text);
      text = input.text;
    } else if (input.to === 'reopened') {
      set.closureReason = null;
      set.closureTextEnc = null;
      text = input.reason;
    } else if (input.to === 'suspended') {
      text = input.reason;
    }
    await tx.update(cases).set(set).where(eq(cases.id, opts.caseId));
    await event('state.changed', { from, to, ...(input.to === 'closed' ? { closureReason: input.closureReason } : {}), ...(input.to === 'active' ? { programmeVersion: set.programmeVersionAccepted ?? null, outsideTargetGroup: !!text } : {}) }, text);
    await audit(input.to === 'reopened' || input.to === 'suspended' ? { reason: await sealReason(tx, keyring, input.reason) } : {});
    return { version, status: to };
  });
}
