import { z } from 'zod';

/** Partner categories a client may agree to information being shared with. */
export const partnerCategories = ['police', 'probation', 'prison', 'social_work', 'job_centre', 'school', 'health_services', 'family', 'other_partners'] as const;
export const consentChoices = ['yes', 'no', 'not_asked'] as const;
export const agreementForms = ['signed_paper', 'signed_digital', 'verbal'] as const;

const text = (max: number) => z.string().trim().max(max);
const expectedVersion = z.number().int().min(1);

/** The client agreement (guideline §1, §2.1): what is offered and its limits, the rules, and consent per partner. */
export const recordAgreementSchema = z.strictObject({
  agreedOn: z.iso.date(),
  givenHow: z.enum(agreementForms),
  offer: text(10_000).min(1),
  conductRules: text(10_000).min(1),
  consents: z.strictObject(Object.fromEntries(partnerCategories.map((p) => [p, z.enum(consentChoices)])) as Record<(typeof partnerCategories)[number], z.ZodEnum<{ yes: 'yes'; no: 'no'; not_asked: 'not_asked' }>>),
  expectedVersion,
});
export type AgreementInput = z.infer<typeof recordAgreementSchema>;

export const agreementSchema = z.object({
  version: z.number().int(),
  agreedOn: z.string(),
  givenHow: z.enum(agreementForms),
  offer: z.string(),
  conductRules: z.string(),
  consents: z.record(z.string(), z.enum(consentChoices)),
  programmeName: z.string(),
  programmeVersion: z.number().int(),
  /** The programme version's transparency statement, as the client was shown it. */
  transparencyStatement: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const incidentKinds = ['threat_to_staff', 'aggression_to_staff', 'rule_violation', 'other'] as const;
export const incidentSeverities = ['low', 'medium', 'high'] as const;
export const recordIncidentSchema = z.strictObject({
  occurredOn: z.iso.date(),
  kind: z.enum(incidentKinds),
  severity: z.enum(incidentSeverities),
  description: text(5000).min(1),
  actionsTaken: text(5000),
  expectedVersion,
});
export const incidentSchema = z.object({
  id: z.string().uuid(), occurredOn: z.string(), kind: z.enum(incidentKinds), severity: z.enum(incidentSeverities),
  description: z.string(), actionsTaken: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string(),
});
export const conductDecisionSchema = z.strictObject({
  decision: z.enum(['warning', 'dismissal']),
  reasons: text(5000).min(3),
  expectedVersion,
});
export const decisionSchema = z.object({ decision: z.enum(['warning', 'dismissal']), reasons: z.string(), decidedByName: z.string().nullable(), decidedAt: z.string() });
export const conductSchema = z.object({ incidents: z.array(incidentSchema), decisions: z.array(decisionSchema) });
export type Conduct = z.infer<typeof conductSchema>;
