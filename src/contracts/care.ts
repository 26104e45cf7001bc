import { z } from 'zod';

const date = z.iso.date();
const line = (max: number) => z.string().trim().min(1).max(max);

export const sessionKinds = ['supervision', 'coaching', 'safe_space'] as const;
export const qualificationKinds = ['training', 'certification'] as const;

export const staffIdParams = z.strictObject({ id: z.string().uuid() });
export const checkupDueSchema = z.strictObject({ dueOn: date });
export const checkupDoneSchema = z.strictObject({ doneOn: date });
export const recordSessionSchema = z.strictObject({
  heldOn: date, kind: z.enum(sessionKinds), withWhom: line(200), note: z.string().trim().max(4000).default(''),
});
export const recordQualificationSchema = z.strictObject({
  kind: z.enum(qualificationKinds), name: line(200), issuer: z.string().trim().max(200).default(''),
  obtainedOn: date, expiresOn: date.nullable().default(null),
}).superRefine((v, ctx) => {
  if (v.expiresOn && v.expiresOn <= v.obtainedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'expires_before_obtained', params: { code: 'expires_before_obtained' } });
});

export const checkupSchema = z.object({ id: z.string().uuid(), dueOn: z.string(), doneOn: z.string().nullable(), status: z.enum(['done', 'due', 'overdue']) });
export const sessionSchema = z.object({
  id: z.string().uuid(), heldOn: z.string(), kind: z.enum(sessionKinds), withWhom: z.string(),
  /** Only ever present for the person themself. */
  note: z.string().nullable(),
});
export const qualificationSchema = z.object({
  id: z.string().uuid(), kind: z.enum(qualificationKinds), name: z.string(), issuer: z.string(), obtainedOn: z.string(),
  expiresOn: z.string().nullable(), status: z.enum(['valid', 'expiring', 'expired']),
});
export const careRecordSchema = z.object({
  staffId: z.string().uuid(), checkups: z.array(checkupSchema), sessions: z.array(sessionSchema), qualifications: z.array(qualificationSchema),
});
export type CareRecord = z.infer<typeof careRecordSchema>;

export const careDueSchema = z.object({
  checkups: z.array(z.object({ id: z.string().uuid(), staffId: z.string().uuid(), staffName: z.string(), dueOn: z.string(), status: z.enum(['due', 'overdue']) })),
  qualifications: z.array(z.object({ id: z.string().uuid(), staffId: z.string().uuid(), staffName: z.string(), name: z.string(), expiresOn: z.string(), status: z.enum(['expiring', 'expired']) })),
});
export type CareDue = z.infer<typeof careDueSchema>;

/** Check-ups count as "due" this many days ahead; certifications as "expiring". */
export const CHECKUP_DUE_DAYS = 30;
export const EXPIRY_WARNING_DAYS = 60;
