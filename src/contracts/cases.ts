import { z } from 'zod';

export const codenameSchema = z.string().trim().min(2).max(60).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u);
export const teamRoles = ['lead', 'member'] as const;
export const teamRoleSchema = z.enum(teamRoles);

export const createCaseSchema = z.strictObject({ codename: codenameSchema });
export const caseIdParams = z.strictObject({ id: z.string().uuid() });

export const teamMemberSchema = z.object({ staffId: z.string().uuid(), role: teamRoleSchema });
export const setTeamSchema = z.strictObject({
  members: z.array(z.strictObject({ staffId: z.string().uuid(), role: teamRoleSchema })).max(50)
    .refine((m) => new Set(m.map((x) => x.staffId)).size === m.length, { message: 'Each person can be on the team only once' }),
});

export const caseSummarySchema = z.object({
  id: z.string().uuid(),
  codename: z.string(),
  status: z.string(),
  createdAt: z.string(),
  myTeamRole: teamRoleSchema.nullable(),
});
export const caseDetailSchema = caseSummarySchema.extend({
  team: z.array(z.object({ staffId: z.string().uuid(), name: z.string(), role: teamRoleSchema })),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const noteTextSchema = z.string().trim().min(1).max(20_000);
export const createNoteSchema = z.strictObject({ text: noteTextSchema });
export const noteSchema = z.object({
  id: z.string().uuid(),
  text: z.string(),
  authorId: z.string().uuid(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof noteSchema>;

export const accessLogEntrySchema = z.object({
  at: z.string(),
  actorId: z.string().uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
