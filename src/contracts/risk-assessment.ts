import { z } from 'zod';
import {
  assessmentLevelSchema, instrumentFileSchema, itemKinds, localTextSchema,
  type Domain, type InstrumentDefinition, type ItemKind,
} from './risk.ts';

/** Assessments of a case with an instrument: drafts, signing, the case's list and its domain chart. */
const isoDate = z.iso.date();
const itemCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
const evidence = (max: number) => z.string().trim().max(max).default('');

/** One item's rating. No scale code yet (null) and "insufficient information" both count as missing. */
export const ratingSchema = z.strictObject({
  scale: itemCode.nullable().default(null),
  evidenceFor: evidence(4000),
  evidenceAgainst: evidence(4000),
  source: evidence(1000),
});
export type Rating = z.infer<typeof ratingSchema>;
export const ratingsSchema = z.record(itemCode, ratingSchema).refine((r) => Object.keys(r).length <= 1000, { message: 'too_many_ratings' });
export type Ratings = z.infer<typeof ratingsSchema>;

/** The judgement as typed so far (kept with the draft, so nothing typed is lost). */
export const judgementDraftSchema = z.strictObject({
  riskLevel: assessmentLevelSchema.nullable().default(null),
  scenarios: evidence(10_000),
  whatWouldChange: evidence(10_000),
  nextReviewOn: isoDate.nullable().default(null),
});
export type JudgementDraft = z.infer<typeof judgementDraftSchema>;

/** What signing requires: a level, the scenarios and what would change the picture. */
export const judgementSchema = z.strictObject({
  riskLevel: assessmentLevelSchema,
  scenarios: z.string().trim().min(1).max(10_000),
  whatWouldChange: z.string().trim().min(1).max(10_000),
  /** Empty: today plus the instrument's review interval, which is also the latest allowed. */
  nextReviewOn: isoDate.nullable().default(null),
});

/** The revision the writer's form is based on: a save by someone else meanwhile is a 409. */
const revision = z.number().int().min(1);
export const startAssessmentSchema = z.strictObject({ instrumentId: z.string().uuid() });
export const saveAssessmentSchema = z.strictObject({ revision, ratings: ratingsSchema, judgement: judgementDraftSchema.optional() });
export type SaveAssessmentInput = z.infer<typeof saveAssessmentSchema>;
export const signAssessmentSchema = z.strictObject({ revision, ratings: ratingsSchema, judgement: judgementSchema });
export type SignAssessmentInput = z.input<typeof signAssessmentSchema>;
export const assessmentParams = z.strictObject({ id: z.string().uuid(), assessmentId: z.string().uuid() });
export const instrumentParams = z.strictObject({ instrumentId: z.string().uuid() });

const storedDefinitionSchema = instrumentFileSchema.extend({ languages: z.array(z.string()) });

export const instrumentSummarySchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  version: z.string(),
  name: localTextSchema(200),
  licence: localTextSchema(4000),
  languages: z.array(z.string()),
  requiresCertification: z.boolean(),
  certificationName: z.string().nullable(),
  reviewIntervalDays: z.number().int(),
  builtin: z.boolean(),
  importedAt: z.string(),
  domainCount: z.number().int(),
  itemCount: z.number().int(),
});
export type InstrumentSummary = z.infer<typeof instrumentSummarySchema>;
export const instrumentDetailSchema = instrumentSummarySchema.extend({ definition: storedDefinitionSchema });
export type InstrumentDetail = z.infer<typeof instrumentDetailSchema>;

const instrumentRefSchema = z.object({ id: z.string().uuid(), key: z.string(), version: z.string(), name: localTextSchema(200), languages: z.array(z.string()) });
export const assessmentStatusSchema = z.enum(['draft', 'signed']);

export const assessmentSummarySchema = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  instrument: instrumentRefSchema,
  status: assessmentStatusSchema,
  riskLevel: assessmentLevelSchema.nullable(),
  nextReviewOn: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const missingItemSchema = z.object({ domainCode: z.string(), itemCode: z.string(), reason: z.enum(['unrated', 'insufficient_information']) });
export type MissingItem = z.infer<typeof missingItemSchema>;

export const assessmentDetailSchema = assessmentSummarySchema.extend({
  caseId: z.string().uuid(),
  revision: z.number().int(),
  updatedByName: z.string().nullable(),
  instrument: instrumentDetailSchema,
  ratings: z.record(z.string(), ratingSchema),
  judgement: judgementDraftSchema.nullable(),
  missing: z.array(missingItemSchema),
  scores: z.record(z.string(), z.number().nullable()),
  /** The server's "today" and the review dates a signer may choose between. */
  review: z.object({ today: z.string(), earliest: z.string(), latest: z.string() }),
  /** Whether the reader holds the certification this instrument asks of a signer (on today's date). */
  certification: z.object({ required: z.boolean(), name: z.string().nullable(), held: z.boolean() }),
  may: z.object({ edit: z.boolean(), sign: z.boolean() }),
});
export type AssessmentDetail = z.infer<typeof assessmentDetailSchema>;

export const domainChartSchema = z.object({
  charts: z.array(z.object({
    instrument: instrumentRefSchema,
    scale: z.object({ min: z.number(), max: z.number() }),
    domains: z.array(z.object({ code: z.string(), name: localTextSchema(200), kind: z.enum([...itemKinds, 'mixed']) })),
    points: z.array(z.object({ assessmentId: z.string().uuid(), number: z.number().int(), signedAt: z.string(), scores: z.record(z.string(), z.number().nullable()) })),
  })),
});
export type DomainChart = z.infer<typeof domainChartSchema>;

export const reviewDueSchema = z.object({
  caseId: z.string().uuid(),
  codename: z.string(),
  assessmentId: z.string().uuid(),
  number: z.number().int(),
  instrumentName: localTextSchema(200),
  instrumentLanguages: z.array(z.string()),
  nextReviewOn: z.string(),
  /** Days past the review date; negative: days left. */
  daysOverdue: z.number().int(),
  status: z.enum(['overdue', 'due_soon']),
});
export const reviewsDueSchema = z.object({ reviews: z.array(reviewDueSchema) });
export type ReviewDue = z.infer<typeof reviewDueSchema>;
/** "Due soon": a review date within this many days. */
export const DUE_SOON_DAYS = 14;

/** Items without a usable rating: never rated, or rated "insufficient information". */
export function missingItems(def: Pick<InstrumentDefinition, 'domains' | 'scale'>, ratings: Record<string, { scale: string | null }>): MissingItem[] {
  const insufficient = new Set(def.scale.filter((s) => s.insufficientInformation === true).map((s) => s.code));
  return def.domains.flatMap((d) => d.items.flatMap((i): MissingItem[] => {
    const r = ratings[i.code]?.scale ?? null;
    if (r === null) return [{ domainCode: d.code, itemCode: i.code, reason: 'unrated' }];
    return insufficient.has(r) ? [{ domainCode: d.code, itemCode: i.code, reason: 'insufficient_information' }] : [];
  }));
}

/** A domain's kind: its items' kind when they agree, else "mixed". */
export function domainKind(domain: Pick<Domain, 'items'>): ItemKind | 'mixed' {
  const kinds = new Set(domain.items.map((i) => i.kind));
  return kinds.size === 1 ? [...kinds][0]! : 'mixed';
}

/**
 * Per domain, the mean scale value of its rated items (unrated and "insufficient
 * information" left out), or null when none is rated. The value says how strongly
 * the factors are present: for a risk domain higher is more concern, for a
 * protective or motivational domain higher is more protection. Rounded to 2 places.
 */
export function domainScores(def: Pick<InstrumentDefinition, 'domains' | 'scale'>, ratings: Record<string, { scale: string | null }>): Record<string, number | null> {
  const values = new Map(def.scale.filter((s) => typeof s.value === 'number' && s.insufficientInformation !== true).map((s) => [s.code, s.value as number]));
  return Object.fromEntries(def.domains.map((d) => {
    const rated = d.items.map((i) => values.get(ratings[i.code]?.scale ?? '')).filter((v): v is number => v !== undefined);
    return [d.code, rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null];
  }));
}

/** Lowest and highest rated value of the scale (the chart's axis). */
export function scaleRange(def: Pick<InstrumentDefinition, 'scale'>): { min: number; max: number } {
  const v = def.scale.filter((s) => typeof s.value === 'number' && s.insufficientInformation !== true).map((s) => s.value as number);
  return { min: Math.min(...v), max: Math.max(...v) };
}

/** YYYY-MM-DD plus days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
