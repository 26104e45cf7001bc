import { z } from 'zod';

/** Suggested narratives; the list is editable, so a programme may name others. */
export const defaultNarratives = ['right_wing_extremist', 'jihadist', 'left_wing_extremist', 'separatist', 'single_issue', 'other'] as const;
export const referralRoutes = ['self', 'family_friends', 'police', 'prison', 'probation', 'social_work', 'school', 'youth_work', 'anonymous_contact', 'other'] as const;
export const referralRouteSchema = z.enum(referralRoutes);
export type ReferralRoute = z.infer<typeof referralRouteSchema>;
export const militancyOptions = ['militant', 'non_militant', 'both'] as const;
export const positionOptions = ['leaders', 'members', 'both'] as const;
export const programmeGoals = ['disengagement', 'deradicalisation'] as const;

const label = z.string().trim().min(1).max(80);
const longText = z.string().trim().max(5000);

export const programmeProfileSchema = z.strictObject({
  targetGroup: z.strictObject({
    narratives: z.array(label).min(1).max(30),
    ageMin: z.number().int().min(0).max(120).nullable(),
    ageMax: z.number().int().min(0).max(120).nullable(),
    organisationTypes: z.array(label).max(30),
    militancy: z.enum(militancyOptions),
    positions: z.enum(positionOptions),
  }).refine((t) => t.ageMin === null || t.ageMax === null || t.ageMin <= t.ageMax, { message: 'The youngest age must not be above the oldest', path: ['ageMax'] }),
  goal: z.enum(programmeGoals),
  goalExplanation: longText.min(1),
  accessRoutes: z.array(referralRouteSchema).min(1).max(referralRoutes.length),
  transparencyStatement: longText.min(1),
  jurisdiction: z.strictObject({
    country: z.string().trim().regex(/^[A-Z]{2}$/),
    /** Years a closed case is kept before it must be reviewed for deletion. */
    closedCaseRetentionYears: z.number().int().min(1).max(100),
    /** Months a referral that was never accepted is kept. */
    unacceptedReferralRetentionMonths: z.number().int().min(1).max(120),
  }),
});
export type ProgrammeProfile = z.infer<typeof programmeProfileSchema>;

export const programmeNameSchema = z.string().trim().min(2).max(120);
export const createProgrammeSchema = z.strictObject({ name: programmeNameSchema, profile: programmeProfileSchema });
/** A change writes a new version; `expectedVersion` detects a colleague's change in between. */
export const updateProgrammeSchema = z.strictObject({ name: programmeNameSchema, profile: programmeProfileSchema, expectedVersion: z.number().int().min(1) });

export const programmeSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  version: z.number().int(),
  goal: z.enum(programmeGoals),
  updatedAt: z.string(),
});
export const programmeSchema = programmeSummarySchema.extend({
  profile: programmeProfileSchema,
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdByName: z.string().nullable() })),
});
export type ProgrammeSummary = z.infer<typeof programmeSummarySchema>;
export type Programme = z.infer<typeof programmeSchema>;
export const programmeIdParams = z.strictObject({ id: z.string().uuid() });
export const programmeVersionParams = z.strictObject({ id: z.string().uuid(), version: z.coerce.number().int().min(1) });
