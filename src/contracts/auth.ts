import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema, roleSchema } from './staff.ts';

export const loginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(128),
});
export const loginResultSchema = z.object({ next: z.enum(['mfa', 'enrol']) });

export const mfaSchema = z.strictObject({
  code: z.string().trim().regex(/^\d{6}$/).optional(),
  recoveryCode: z.string().trim().min(8).max(64).optional(),
}).refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), { message: 'Give either a code or a recovery code', path: ['code'] });

export const enrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export const mfaResultSchema = z.object({ recoveryCodes: z.array(z.string()).optional() });

export const meSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  organisation: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean() });
export const setupSchema = z.strictObject({
  token: z.string().min(16).max(200),
  organisationName: z.string().trim().min(1).max(200),
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
