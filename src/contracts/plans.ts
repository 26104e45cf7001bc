import { z } from 'zod';

/*
 * The shielding plan, the emergency plan with its pocket card, relocation and the
 * high-risk gap (issue 5, C3). Shared by the server's routes and the web forms.
 */

const text = (max: number) => z.string().trim().max(max);
const revision = z.number().int().min(1);

export const informationStatuses = ['to_inform', 'informed', 'must_not_know'] as const;
export const measureStatuses = ['open', 'in_progress', 'done'] as const;
export type InformationStatus = (typeof informationStatuses)[number];
export type MeasureStatus = (typeof measureStatuses)[number];

/** One line of the information plan: which person or institution may know what about the exit, and who told them. */
export const informationInputSchema = z.strictObject({
  status: z.enum(informationStatuses),
  who: text(300).min(1),
  mayKnow: text(2000),
  toldBy: text(300),
  toldOn: z.iso.date().nullable(),
});
export const informationUpdateSchema = z.strictObject({ ...informationInputSchema.shape, revision });
export type InformationInput = z.infer<typeof informationInputSchema>;

/** A measure of the exit procedure, as a task. The owner must be someone who works the case (team member or manager). */
export const measureInputSchema = z.strictObject({
  title: text(500).min(1),
  ownerId: z.string().uuid(),
  dueOn: z.iso.date().nullable(),
  status: z.enum(measureStatuses),
});
export const measureUpdateSchema = z.strictObject({ ...measureInputSchema.shape, revision });
export type MeasureInput = z.infer<typeof measureInputSchema>;

export const planEntryParams = z.strictObject({ id: z.string().uuid(), entryId: z.string().uuid() });
export const removeEntryQuery = z.strictObject({ revision: z.coerce.number().int().min(1) });

export const informationEntrySchema = z.object({
  id: z.string().uuid(), status: z.enum(informationStatuses), who: z.string(), mayKnow: z.string(), toldBy: z.string(),
  toldOn: z.string().nullable(), revision: z.number().int(), updatedAt: z.string(),
});
export const measureSchema = z.object({
  id: z.string().uuid(), title: z.string(), ownerId: z.string().uuid(), ownerName: z.string().nullable(), dueOn: z.string().nullable(),
  status: z.enum(measureStatuses), revision: z.number().int(), updatedAt: z.string(),
});
export const shieldPlanSchema = z.object({
  information: z.array(informationEntrySchema),
  measures: z.array(measureSchema),
  /** Who may own a measure: the case team and the managers (active accounts). */
  owners: z.array(z.object({ staffId: z.string().uuid(), name: z.string() })),
  may: z.object({ write: z.boolean() }),
});
export type InformationEntry = z.infer<typeof informationEntrySchema>;
export type Measure = z.infer<typeof measureSchema>;
export type ShieldPlan = z.infer<typeof shieldPlanSchema>;

/**
 * A phone number, loosely: digits with the usual separators, an optional leading +,
 * at least three digits. Numbers are written many ways; this only catches typos
 * like a name in the phone field.
 */
export const phoneSchema = z.string().trim().max(40).regex(/^(?=(?:[^0-9]*[0-9]){3})\+?[0-9 ()/.-]{3,40}$/);

/** One entry of the call tree, called in order: role, name, phone and who to try if they do not answer. */
export const callTreeEntrySchema = z.strictObject({
  role: text(100).min(1),
  name: text(200).min(1),
  phone: phoneSchema,
  fallback: text(300),
});
export type CallTreeEntry = z.infer<typeof callTreeEntrySchema>;

/**
 * Saving the emergency plan makes a new version. A plan needs at least one step
 * and one entry in the call tree: a plan without them would close the high-risk
 * gap without being usable. `safeLocations` is the sealed part: only managers and
 * the case's security officer send it; left out, the current one is kept.
 */
export const emergencyPlanInputSchema = z.strictObject({
  triggers: z.array(text(1000).min(1)).max(30),
  steps: z.array(text(2000).min(1)).min(1).max(30),
  callTree: z.array(callTreeEntrySchema).min(1).max(20),
  agencyContact: text(1000),
  agencyAgreement: text(5000),
  safeLocations: text(5000).optional(),
  /** The plan version the form was based on (0: there was none). */
  expectedVersion: z.number().int().min(0),
});
export type EmergencyPlanInput = z.infer<typeof emergencyPlanInputSchema>;

export const emergencyPlanSchema = z.object({
  plan: z.object({
    version: z.number().int(),
    triggers: z.array(z.string()),
    steps: z.array(z.string()),
    callTree: z.array(z.object({ role: z.string(), name: z.string(), phone: z.string(), fallback: z.string() })),
    agencyContact: z.string(),
    agencyAgreement: z.string(),
    /** Present only for readers of sealed parts (null: none recorded). */
    safeLocations: z.string().nullable().optional(),
    updatedByName: z.string().nullable(),
    updatedAt: z.string(),
  }).nullable(),
  may: z.object({ write: z.boolean(), readSealed: z.boolean(), writeSealed: z.boolean() }),
});
export type EmergencyPlan = z.infer<typeof emergencyPlanSchema>;

/** Safe locations go on the printed card only when a reader of sealed parts asks for them. */
export const pocketCardQuery = z.strictObject({ safeLocations: z.enum(['include', 'omit']).default('omit') });
export const pocketCardSchema = z.object({
  codename: z.string(),
  version: z.number().int(),
  steps: z.array(z.string()),
  callTree: z.array(z.object({ role: z.string(), name: z.string(), phone: z.string(), fallback: z.string() })),
  safeLocations: z.string().nullable().optional(),
  printedAt: z.string(),
});
export type PocketCard = z.infer<typeof pocketCardSchema>;

/** Relocation (sealed): new area, date and measures. Never in lists, exports or the pocket card. */
export const relocationInputSchema = z.strictObject({
  area: text(500).min(1),
  movedOn: z.iso.date(),
  measures: text(5000),
});
export type RelocationInput = z.infer<typeof relocationInputSchema>;
export const relocationSchema = z.object({
  id: z.string().uuid(), area: z.string(), movedOn: z.string(), measures: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string(),
});
export type Relocation = z.infer<typeof relocationSchema>;

/** What a case rated high or imminent still lacks. */
export const gapParts = ['emergency_plan', 'security_officer'] as const;
export type GapPart = (typeof gapParts)[number];
export const highRiskGapSchema = z.object({
  riskLevel: z.enum(['high', 'imminent']),
  missing: z.array(z.enum(gapParts)),
  /** When the assessment that rated the case was signed. */
  assessedAt: z.string(),
});
export type HighRiskGap = z.infer<typeof highRiskGapSchema>;
export const caseGapSchema = z.object({ gap: highRiskGapSchema.nullable() });
export const gapListSchema = z.object({
  gaps: z.array(highRiskGapSchema.extend({ caseId: z.string().uuid(), codename: z.string() })),
});
export type GapList = z.infer<typeof gapListSchema>;
