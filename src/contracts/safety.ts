import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1).max(max);

/** Where a person is: in the field (with the lone-worker timer), at the office, off, or elsewhere. */
export const whereaboutsKinds = ['field', 'office', 'off', 'other'] as const;
export const whereaboutsKindSchema = z.enum(whereaboutsKinds);
export type WhereaboutsKind = z.infer<typeof whereaboutsKindSchema>;

/** A client's home is never the default: it must be chosen and justified. */
export const locationTypes = ['area', 'safe_place', 'office', 'client_home', 'other'] as const;
export const locationTypeSchema = z.enum(locationTypes);

export const visitStatuses = ['planned', 'active', 'checked_out', 'cancelled'] as const;
export const visitStatusSchema = z.enum(visitStatuses);

export const planVisitSchema = z.strictObject({
  kind: whereaboutsKindSchema,
  caseId: z.string().uuid().nullable().default(null),
  purpose: z.string().trim().max(200).default(''),
  locationType: locationTypeSchema.default('area'),
  location: z.string().trim().max(300).default(''),
  homeVisitReason: z.string().trim().max(500).default(''),
  plannedStart: z.iso.datetime({ offset: true }),
  plannedEnd: z.iso.datetime({ offset: true }),
  buddyId: z.string().uuid().nullable().default(null),
  /** Start the lone-worker timer now (field visits only). */
  startNow: z.boolean().default(false),
}).superRefine((v, ctx) => {
  if (Date.parse(v.plannedEnd) <= Date.parse(v.plannedStart)) ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'end_before_start', params: { code: 'end_before_start' } });
  if (v.locationType === 'client_home' && v.homeVisitReason.length < 10) ctx.addIssue({ code: 'custom', path: ['homeVisitReason'], message: 'home_visit_reason', params: { code: 'home_visit_reason' } });
  if (v.kind === 'field' && v.location.length === 0) ctx.addIssue({ code: 'custom', path: ['location'], message: 'location_required', params: { code: 'location_required' } });
  if (v.startNow && v.kind !== 'field') ctx.addIssue({ code: 'custom', path: ['startNow'], message: 'only_field_visits_start', params: { code: 'only_field_visits_start' } });
});
export type PlanVisitInput = z.input<typeof planVisitSchema>;

export const visitIdParams = z.strictObject({ id: z.string().uuid() });
export const checkInSchema = z.strictObject({ extendMinutes: z.number().int().min(5).max(480) });
export const checkOutSchema = z.strictObject({ pin: z.string().regex(/^\d{4,8}$/).optional() });
export const panicSchema = z.strictObject({ visitId: z.string().uuid().nullable().default(null) });
export const safetyPinsSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  pin: z.string().regex(/^\d{4,8}$/).nullable(),
  duressPin: z.string().regex(/^\d{4,8}$/).nullable(),
}).superRefine((v, ctx) => {
  if ((v.pin === null) !== (v.duressPin === null)) ctx.addIssue({ code: 'custom', path: ['duressPin'], message: 'pins_together', params: { code: 'pins_together' } });
  if (v.pin !== null && v.pin === v.duressPin) ctx.addIssue({ code: 'custom', path: ['duressPin'], message: 'pins_differ', params: { code: 'pins_differ' } });
});

/** Seconds after the visit was due back at which each step of the chain fires. */
export const escalationSchema = z.strictObject({
  reminderAfterS: z.number().int().min(0).max(86_400),
  buddyAfterS: z.number().int().min(0).max(86_400),
  managersAfterS: z.number().int().min(0).max(86_400),
  emergencyAfterS: z.number().int().min(0).max(86_400),
  emergencyProcedure: z.string().trim().max(4000),
}).superRefine((v, ctx) => {
  if (v.buddyAfterS <= v.reminderAfterS) ctx.addIssue({ code: 'custom', path: ['buddyAfterS'], message: 'steps_in_order', params: { code: 'steps_in_order' } });
  if (v.managersAfterS <= v.buddyAfterS) ctx.addIssue({ code: 'custom', path: ['managersAfterS'], message: 'steps_in_order', params: { code: 'steps_in_order' } });
  if (v.emergencyAfterS <= v.managersAfterS) ctx.addIssue({ code: 'custom', path: ['emergencyAfterS'], message: 'steps_in_order', params: { code: 'steps_in_order' } });
});
export type Escalation = z.infer<typeof escalationSchema>;
export const defaultEscalation: Escalation = { reminderAfterS: 0, buddyAfterS: 600, managersAfterS: 1200, emergencyAfterS: 1800, emergencyProcedure: '' };

export const escalationSteps = ['reminder', 'buddy', 'managers', 'emergency'] as const;
export type EscalationStep = (typeof escalationSteps)[number];
export const alertKinds = [...escalationSteps, 'panic', 'duress'] as const;
export const alertKindSchema = z.enum(alertKinds);
export type AlertKind = z.infer<typeof alertKindSchema>;

/** One line of the board. `detail` is null for colleagues outside the case team: they see only "field visit, back by". */
export const boardEntrySchema = z.object({
  id: z.string().uuid(), staffId: z.string().uuid(), staffName: z.string(), kind: whereaboutsKindSchema, status: visitStatusSchema,
  plannedStart: z.string(), plannedEnd: z.string(), dueAt: z.string().nullable(), overdue: z.boolean(),
  detail: z.object({ purpose: z.string(), location: z.string(), locationType: locationTypeSchema, codename: z.string().nullable(), caseId: z.string().uuid().nullable(), buddyName: z.string().nullable() }).nullable(),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;
export const boardSchema = z.object({ date: z.string(), entries: z.array(boardEntrySchema), staffWithoutEntry: z.array(z.object({ id: z.string().uuid(), name: z.string() })) });

export const visitEventSchema = z.object({ id: z.string().uuid(), kind: z.string(), at: z.string(), actorName: z.string().nullable(), until: z.string().nullable() });
export const visitDetailSchema = boardEntrySchema.extend({
  startedAt: z.string().nullable(), checkedOutAt: z.string().nullable(), takenOverBy: z.string().nullable(),
  homeVisitReason: z.string().nullable(), events: z.array(visitEventSchema),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

export const alertSchema = z.object({
  id: z.string().uuid(), kind: alertKindSchema, visitId: z.string().uuid().nullable(), staffId: z.string().uuid(), staffName: z.string(),
  firedAt: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedByName: z.string().nullable(),
  /** Where the person is, for those who respond. */
  visit: z.object({ purpose: z.string(), location: z.string(), codename: z.string().nullable(), dueAt: z.string().nullable() }).nullable(),
  emergencyProcedure: z.string().nullable(),
});
export type SafetyAlert = z.infer<typeof alertSchema>;

export const deliverySchema = z.object({
  id: z.string().uuid(), channel: z.string(), recipientName: z.string(), status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(), lastError: z.string().nullable(), createdAt: z.string(), sentAt: z.string().nullable(),
});
