import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1).max(max);

/** The sealed section: encrypted with the case's own key, revealed only with a reason and a fresh second factor. */
export const identitySchema = z.strictObject({
  legalName: line(200),
  aliases: z.array(line(200)).max(20),
  dateOfBirth: z.iso.date().nullable(),
  addresses: z.array(line(500)).max(10),
  phones: z.array(line(50)).max(10),
  idDocuments: z.array(z.strictObject({ kind: line(80), number: line(80) })).max(10),
});
export type Identity = z.infer<typeof identitySchema>;

export const setIdentitySchema = z.strictObject({ identity: identitySchema, expectedVersion: z.number().int().min(0) });
/** Managers learn which case matched; everyone else the same neutral answer, match or not. */
export const setIdentityResultSchema = z.object({
  version: z.number().int(),
  duplicate: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('checked') }),
    z.object({ kind: z.literal('matches'), cases: z.array(z.object({ id: z.string().uuid(), codename: z.string() })) }),
  ]),
});
export const revealIdentitySchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const revealedIdentitySchema = z.object({ identity: identitySchema.nullable(), version: z.number().int() });

export const confirmMfaSchema = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });

export const breakGlassSchema = z.strictObject({
  codename: z.string().trim().min(2).max(60),
  reason: z.string().trim().min(10).max(2000),
  hours: z.number().int().min(1).max(4).default(1),
});
export const breakGlassGrantSchema = z.object({
  id: z.string().uuid(), caseId: z.string().uuid(), codename: z.string(), staffId: z.string().uuid(), staffName: z.string(),
  reason: z.string(), grantedAt: z.string(), expiresAt: z.string(),
  review: z.object({ outcome: z.enum(['justified', 'not_justified']), note: z.string(), byName: z.string().nullable(), at: z.string() }).nullable(),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;
export const reviewGrantSchema = z.strictObject({ outcome: z.enum(['justified', 'not_justified']), note: z.string().trim().min(3).max(2000) });

export const duplicateReviewSchema = z.object({
  id: z.string().uuid(), caseId: z.string().uuid(), codename: z.string(), matchedCaseId: z.string().uuid(), matchedCodename: z.string(),
  raisedByName: z.string().nullable(), raisedAt: z.string(), resolvedAt: z.string().nullable(), outcome: z.enum(['same_person', 'different_person']).nullable(),
});
export const resolveDuplicateSchema = z.strictObject({ outcome: z.enum(['same_person', 'different_person']) });

export const notificationSchema = z.object({
  id: z.string().uuid(), kind: z.enum(['break_glass', 'duplicate_check', 'safety_reminder', 'safety_buddy', 'safety_managers', 'safety_emergency', 'safety_panic', 'safety_duress']), caseId: z.string().uuid().nullable(),
  codename: z.string().nullable(), actorName: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;
