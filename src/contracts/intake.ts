import { z } from 'zod';
import type { ProgrammeProfile } from './programmes.ts';
import { referralRouteSchema } from './programmes.ts';

export const caseStates = ['referral', 'intake', 'active', 'suspended', 'closed'] as const;
export const caseStateSchema = z.enum(caseStates);
export type CaseState = z.infer<typeof caseStateSchema>;

export const closureReasons = ['completed', 'disengaged', 'dismissed', 'withdrawn_by_client', 'transferred', 'no_contact', 'other'] as const;
export const closureReasonSchema = z.enum(closureReasons);
export type ClosureReason = z.infer<typeof closureReasonSchema>;

export const riskLevels = ['low', 'moderate', 'high'] as const;
export const riskLevelSchema = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const reason = z.string().trim().min(3).max(2000);
/** Every change of a case names the version it was based on; a colleague's change in between is a 409. */
const expectedVersion = z.number().int().min(1);

export const referralSchema = z.strictObject({
  route: referralRouteSchema,
  /** Who referred (name, institution, contact): encrypted. */
  referrer: text(1000),
  referredOn: isoDate,
  firstInformation: text(10_000),
});
export type Referral = z.infer<typeof referralSchema>;

/** Facts about the person, as far as known, that eligibility is measured against. */
export const eligibilityFactsSchema = z.strictObject({
  narrative: text(80).min(1).nullable(),
  age: z.number().int().min(0).max(120).nullable(),
  organisationType: text(80).min(1).nullable(),
  militant: z.boolean().nullable(),
  position: z.enum(['leader', 'member']).nullable(),
});
export type EligibilityFacts = z.infer<typeof eligibilityFactsSchema>;
export const emptyEligibilityFacts: EligibilityFacts = { narrative: null, age: null, organisationType: null, militant: null, position: null };

export const criterionStatuses = ['met', 'not_met', 'unknown'] as const;
export type CriterionStatus = (typeof criterionStatuses)[number];
export const eligibilityCriteria = ['narrative', 'age', 'organisationType', 'militancy', 'position'] as const;
export type EligibilityCriterion = (typeof eligibilityCriteria)[number];
export type EligibilityResult = { criteria: Record<EligibilityCriterion, CriterionStatus>; inside: boolean };

/** The one reading of "inside the target group", used by the server's gate and by the intake page. */
export function evaluateEligibility(profile: ProgrammeProfile, f: EligibilityFacts): EligibilityResult {
  const tg = profile.targetGroup;
  const norm = (s: string) => s.trim().toLowerCase();
  const oneOf = (v: string | null, list: string[]): CriterionStatus => (v === null ? 'unknown' : list.some((x) => norm(x) === norm(v)) ? 'met' : 'not_met');
  const criteria: Record<EligibilityCriterion, CriterionStatus> = {
    narrative: oneOf(f.narrative, tg.narratives),
    age: f.age === null ? (tg.ageMin === null && tg.ageMax === null ? 'met' : 'unknown')
      : (tg.ageMin === null || f.age >= tg.ageMin) && (tg.ageMax === null || f.age <= tg.ageMax) ? 'met' : 'not_met',
    organisationType: tg.organisationTypes.length === 0 ? 'met' : oneOf(f.organisationType, tg.organisationTypes),
    militancy: tg.militancy === 'both' ? 'met' : f.militant === null ? 'unknown' : f.militant === (tg.militancy === 'militant') ? 'met' : 'not_met',
    position: tg.positions === 'both' ? 'met' : f.position === null ? 'unknown' : (f.position === 'leader') === (tg.positions === 'leaders') ? 'met' : 'not_met',
  };
  return { criteria, inside: Object.values(criteria).every((s) => s === 'met') };
}

export const updateIntakeSchema = z.strictObject({ referral: referralSchema, facts: eligibilityFactsSchema, expectedVersion });

export const discussionDecisions = ['accept', 'decline', 'more_information'] as const;
export const recordDiscussionSchema = z.strictObject({
  heldOn: isoDate,
  participants: text(1000).min(1),
  decision: z.enum(discussionDecisions),
  reasons: text(5000).min(1),
  expectedVersion,
});
export const recordScreeningSchema = z.strictObject({
  riskToStaff: riskLevelSchema,
  threatFromGroup: riskLevelSchema,
  immediateProtectionNeeded: z.boolean(),
  notes: text(5000),
  expectedVersion,
});

export const transitionSchema = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('intake'), expectedVersion }),
  /** A manager may accept outside the target group, or with criteria unknown, only with a written reason. */
  z.strictObject({ to: z.literal('active'), expectedVersion, outsideTargetReason: reason.optional() }),
  z.strictObject({ to: z.literal('suspended'), expectedVersion, reason }),
  z.strictObject({ to: z.literal('resumed'), expectedVersion }),
  z.strictObject({ to: z.literal('closed'), expectedVersion, closureReason: closureReasonSchema.exclude(['dismissed']), text: reason }),
  z.strictObject({ to: z.literal('reopened'), expectedVersion, reason }),
]);
export type TransitionInput = z.infer<typeof transitionSchema>;

export const discussionSchema = z.object({
  heldOn: z.string(), participants: z.string(), decision: z.enum(discussionDecisions), reasons: z.string(),
  recordedByName: z.string().nullable(), recordedAt: z.string(),
});
export const screeningSchema = z.object({
  riskToStaff: riskLevelSchema, threatFromGroup: riskLevelSchema, immediateProtectionNeeded: z.boolean(), notes: z.string(),
  recordedByName: z.string().nullable(), recordedAt: z.string(),
});
export type Discussion = z.infer<typeof discussionSchema>;
export type Screening = z.infer<typeof screeningSchema>;

/** What stands between intake and an active case (guideline §3.3). */
export type GateItem = 'intake_discussion' | 'discussion_accepts' | 'risk_screening' | 'eligibility_reason';
