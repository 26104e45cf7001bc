import { z } from 'zod';

export const roles = ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** NIST SP 800-63B: length only, no composition rules. */
export const passwordSchema = z.string().min(12).max(128);
export const emailSchema = z.string().trim().toLowerCase().max(254).email();
export const personNameSchema = z.string().trim().min(1).max(200);

export const staffSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  mfaEnrolled: z.boolean(),
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const createStaffSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema,
});

export const protectedFields = ['homeAddress', 'privatePhone', 'emergencyContacts'] as const;
export type ProtectedFieldName = (typeof protectedFields)[number];
export const protectedFieldSchema = z.enum(protectedFields);

export const setProtectedSchema = z.strictObject({
  homeAddress: z.string().trim().max(500).nullable().optional(),
  privatePhone: z.string().trim().max(50).nullable().optional(),
  /** Private emergency contacts (names, relation, phone): who to call if something happens to this person. */
  emergencyContacts: z.string().trim().max(1000).nullable().optional(),
});

export const revealProtectedSchema = z.strictObject({
  field: protectedFieldSchema,
  reason: z.string().trim().min(3).max(500),
});
export const revealedSchema = z.object({ field: protectedFieldSchema, value: z.string().nullable() });

/** A manager gives a locked-out colleague a fresh start; the reason is kept in the audit log. */
export const resetSignInSchema = z.strictObject({ password: passwordSchema, reason: z.string().trim().min(3).max(500) });
