import { z } from 'zod';

/**
 * The threat analysis of a case (guideline: analyse the threats): groups and
 * persons who threaten the client, who is linked to whom, and the dangerous
 * knowledge the client holds. Everything that names or describes someone is
 * encrypted at rest; only the actor kind and the knowledge category are plain.
 */
export const threatActorKinds = ['group', 'person'] as const;
export const threatActorKindSchema = z.enum(threatActorKinds);
export type ThreatActorKind = z.infer<typeof threatActorKindSchema>;

/** Capability and intent as an ordinal; "unknown" is an answer, not a gap. */
export const threatLevels = ['low', 'moderate', 'high', 'unknown'] as const;
export const threatLevelSchema = z.enum(threatLevels);
export type ThreatLevel = z.infer<typeof threatLevelSchema>;

/** What the client knows that makes them a target (or a danger) if it came out. */
export const knowledgeCategories = ['operations', 'members_identities', 'finances', 'weapons_or_attacks', 'plans', 'locations', 'communications', 'other'] as const;
export const knowledgeCategorySchema = z.enum(knowledgeCategories);
export type KnowledgeCategory = z.infer<typeof knowledgeCategorySchema>;

export const linkTargetKinds = ['client', 'actor', 'staff'] as const;

const text = (max: number) => z.string().trim().max(max);

/** The encrypted part of an actor: everything but its kind. */
export const threatActorDetailsSchema = z.strictObject({
  name: text(200).min(1),
  role: text(500),
  relationToClient: text(2000),
  capability: threatLevelSchema,
  intent: threatLevelSchema,
  lastKnownActivity: text(2000),
  /** When that activity was, if known. */
  lastActivityOn: z.iso.date().nullable(),
  notes: text(5000),
});
export type ThreatActorDetails = z.infer<typeof threatActorDetailsSchema>;

export const addThreatActorSchema = threatActorDetailsSchema.extend({ kind: threatActorKindSchema });
export type AddThreatActorInput = z.infer<typeof addThreatActorSchema>;
/** An edit names the revision it was based on: a colleague's edit in between is a 409, not overwritten. */
export const updateThreatActorSchema = threatActorDetailsSchema.extend({ expectedRevision: z.number().int().min(1) });
export type UpdateThreatActorInput = z.infer<typeof updateThreatActorSchema>;

/** The other end of "X is linked to Y": the client, another actor of the case, or someone on the case team. */
export const linkTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('client') }),
  z.strictObject({ kind: z.literal('actor'), actorId: z.string().uuid() }),
  z.strictObject({ kind: z.literal('staff'), staffId: z.string().uuid() }),
]);
export type LinkTarget = z.infer<typeof linkTargetSchema>;

export const addThreatLinkSchema = z.strictObject({
  fromActorId: z.string().uuid(),
  to: linkTargetSchema,
  /** How they are linked ("leads", "recruited the client", "knows the worker's car"). */
  relation: text(500).min(1),
});
export type AddThreatLinkInput = z.infer<typeof addThreatLinkSchema>;

export const addKnowledgeSchema = z.strictObject({
  category: knowledgeCategorySchema,
  notes: text(5000).min(1),
});
export type AddKnowledgeInput = z.infer<typeof addKnowledgeSchema>;

export const threatActorParams = z.strictObject({ id: z.string().uuid(), actorId: z.string().uuid() });
export const threatLinkParams = z.strictObject({ id: z.string().uuid(), linkId: z.string().uuid() });
export const knowledgeParams = z.strictObject({ id: z.string().uuid(), entryId: z.string().uuid() });

export const threatActorSchema = threatActorDetailsSchema.extend({
  id: z.string().uuid(),
  kind: threatActorKindSchema,
  revision: z.number().int(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ThreatActor = z.infer<typeof threatActorSchema>;

export const threatLinkSchema = z.object({
  id: z.string().uuid(),
  fromActorId: z.string().uuid(),
  to: linkTargetSchema,
  relation: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ThreatLink = z.infer<typeof threatLinkSchema>;

export const knowledgeEntrySchema = z.object({
  id: z.string().uuid(),
  category: knowledgeCategorySchema,
  notes: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

/** Staff shown in the network: the case team, and anyone a link still names after leaving it. */
export const involvedStaffSchema = z.object({
  staffId: z.string().uuid(),
  name: z.string(),
  /** The account's role (exit worker, security officer, manager). */
  staffRole: z.string(),
  /** Their role on this case's team; null when no longer on it. */
  teamRole: z.enum(['lead', 'member']).nullable(),
});
export type InvolvedStaff = z.infer<typeof involvedStaffSchema>;

export const threatAnalysisSchema = z.object({
  actors: z.array(threatActorSchema),
  links: z.array(threatLinkSchema),
  knowledge: z.array(knowledgeEntrySchema),
  staff: z.array(involvedStaffSchema),
  /** Whether the reader may change it (the server's rule: managers and the team, while the case is not closed). */
  mayEdit: z.boolean(),
});
export type ThreatAnalysis = z.infer<typeof threatAnalysisSchema>;
