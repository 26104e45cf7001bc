import { z } from 'zod';
import { closureReasonSchema, caseStateSchema, discussionSchema, eligibilityFactsSchema, riskLevelSchema, screeningSchema } from './intake.ts';
import { referralSchema } from './intake.ts';
import { referralRouteSchema } from './programmes.ts';

export const codenameSchema = z.string().trim().min(2).max(60).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u);
export const teamRoles = ['lead', 'member'] as const;
export const teamRoleSchema = z.enum(teamRoles);

/** A case starts as a referral to one programme. */
export const createCaseSchema = z.strictObject({
  codename: codenameSchema,
  programmeId: z.string().uuid(),
  referral: referralSchema,
});
export const caseIdParams = z.strictObject({ id: z.string().uuid() });

export const setTeamSchema = z.strictObject({
  members: z.array(z.strictObject({ staffId: z.string().uuid(), role: teamRoleSchema, identityAccess: z.boolean().default(false) })).max(50)
    .refine((m) => new Set(m.map((x) => x.staffId)).size === m.length, { message: 'Each person can be on the team only once' }),
  /** The case version the manager edited; a change by someone else meanwhile is a 409, not a silent overwrite. */
  expectedVersion: z.number().int().min(0),
});

/** How the viewer came to see a case; break-glass access is marked everywhere it is used. */
export const accessBases = ['manager', 'team', 'break_glass'] as const;
export const accessBasisSchema = z.enum(accessBases);
export type AccessBasis = z.infer<typeof accessBasisSchema>;

export const listCasesQuery = z.strictObject({
  q: z.string().trim().max(60).optional(),
  programme: z.string().uuid().optional(),
  state: caseStateSchema.optional(),
  lead: z.string().uuid().optional(),
  screening: z.enum(['none', 'low', 'moderate', 'high', 'protection']).optional(),
  /** Opaque cursor from the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseSummarySchema = z.object({
  id: z.string().uuid(),
  codename: z.string(),
  status: caseStateSchema,
  programmeId: z.string().uuid(),
  programmeName: z.string(),
  leadName: z.string().nullable(),
  screeningLevel: riskLevelSchema.nullable(),
  protectionNeeded: z.boolean(),
  createdAt: z.string(),
  myTeamRole: teamRoleSchema.nullable(),
});
export const caseListSchema = z.object({ cases: z.array(caseSummarySchema), nextCursor: z.string().nullable() });

export const teamMemberSchema = z.object({ staffId: z.string().uuid(), name: z.string(), role: teamRoleSchema, identityAccess: z.boolean() });

export const caseDetailSchema = caseSummarySchema.extend({
  version: z.number().int(),
  team: z.array(teamMemberSchema),
  basis: accessBasisSchema,
  /** When the viewer's break-glass access ends (only for that basis). */
  breakGlassUntil: z.string().nullable(),
  programmeVersionAtReferral: z.number().int(),
  programmeVersionAccepted: z.number().int().nullable(),
  referral: z.object({ route: referralRouteSchema, referredOn: z.string(), referrer: z.string(), firstInformation: z.string() }),
  facts: eligibilityFactsSchema,
  outsideTargetReason: z.string().nullable(),
  discussion: discussionSchema.nullable(),
  screening: screeningSchema.nullable(),
  closure: z.object({ reason: closureReasonSchema, text: z.string() }).nullable(),
  identity: z.object({ recorded: z.boolean(), updatedAt: z.string().nullable() }),
  /** What the viewer may do here, from the same policy the server enforces. */
  may: z.object({
    editIntake: z.boolean(), screen: z.boolean(), transition: z.boolean(), accept: z.boolean(), closeOrReopen: z.boolean(),
    setTeam: z.boolean(), revealIdentity: z.boolean(), writeIdentity: z.boolean(), writeNote: z.boolean(), readAccessLog: z.boolean(),
    recordAgreement: z.boolean(), recordIncident: z.boolean(), decideConduct: z.boolean(),
  }),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const noteLevels = ['team', 'restricted', 'sealed'] as const;
export const noteLevelSchema = z.enum(noteLevels);
export type NoteLevel = z.infer<typeof noteLevelSchema>;
export const noteTextSchema = z.string().trim().min(1).max(20_000);
export const createNoteSchema = z.strictObject({ text: noteTextSchema, level: noteLevelSchema.default('team') });
/** A correction is a new version; the earlier ones stay readable for those allowed. */
export const correctNoteSchema = z.strictObject({ text: noteTextSchema, expectedVersion: z.number().int().min(1) });
export const noteParams = z.strictObject({ id: z.string().uuid(), noteId: z.string().uuid() });
export const noteVersionSchema = z.object({ version: z.number().int(), text: z.string(), authorName: z.string(), createdAt: z.string() });
export const noteSchema = z.object({
  id: z.string().uuid(),
  level: noteLevelSchema,
  version: z.number().int(),
  text: z.string(),
  authorId: z.string().uuid(),
  authorName: z.string(),
  createdAt: z.string(),
  /** Earlier versions, newest first. */
  earlier: z.array(noteVersionSchema),
  mayCorrect: z.boolean(),
});
export type Note = z.infer<typeof noteSchema>;

export const accessLogEntrySchema = z.object({
  at: z.string(),
  actorId: z.string().uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  basis: accessBasisSchema.nullable(),
  reason: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

/** "Who knows what": one line per person who read or changed the case. */
export const whoKnowsSchema = z.object({
  people: z.array(z.object({
    staffId: z.string().uuid(), name: z.string(), role: z.string(),
    bases: z.array(accessBasisSchema), reads: z.number().int(), changes: z.number().int(),
    identityReveals: z.number().int(), firstAt: z.string(), lastAt: z.string(),
    onTeamNow: z.boolean(),
  })),
});
export type WhoKnows = z.infer<typeof whoKnowsSchema>;

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  /** Codes only (states, reasons, levels), never client details. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  text: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
