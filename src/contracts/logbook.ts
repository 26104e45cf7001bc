import { z } from 'zod';

/**
 * The client's threat logbook (C3, "protecting the client"): dated entries of
 * threats the client received, kept by the case team on the client's behalf,
 * with evidence files.
 */
export const threatChannels = ['in_person', 'phone', 'message', 'social_media', 'email', 'letter', 'via_others', 'other'] as const;
export const threatChannelSchema = z.enum(threatChannels);
export type ThreatChannel = z.infer<typeof threatChannelSchema>;

/**
 * What an evidence file may be, as detected from its bytes (never from the
 * declared type or the name). Images are re-encoded without metadata; PDFs are
 * stored as they are (their metadata is not removed — the form says so).
 */
export const evidenceMediaTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const evidenceMediaTypeSchema = z.enum(evidenceMediaTypes);
export type EvidenceMediaType = z.infer<typeof evidenceMediaTypeSchema>;
/** File name endings the upload form offers (the server decides by content). */
export const evidenceExtensions = ['.jpg', '.jpeg', '.png', '.webp', '.pdf'] as const;

/** Largest evidence file accepted, in bytes. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Largest image accepted, in pixels (decoding needs about 3–4 bytes per pixel in memory). */
export const MAX_EVIDENCE_PIXELS = 50_000_000;
/** The multipart field that carries the file. */
export const EVIDENCE_FIELD = 'file';

/** Upload refusals, each a translatable code on the `file` field. */
export const evidenceErrorCodes = ['file_missing', 'file_too_large', 'file_type_not_allowed', 'file_unreadable', 'image_too_large'] as const;

const text = (max: number) => z.string().trim().max(max);

/** Not after tomorrow (UTC): the writer's own day may be ahead of UTC, a later date is a mistake. */
const notInFuture = (d: string) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export const recordThreatSchema = z.strictObject({
  occurredOn: z.iso.date().refine(notInFuture, { message: 'date_in_future', params: { code: 'date_in_future' } }),
  channel: threatChannelSchema,
  /** What happened or was said. */
  what: text(10_000).min(1),
  /** Who, if known (may stay empty). */
  who: text(2_000),
});
export type RecordThreatInput = z.infer<typeof recordThreatSchema>;

export const logbookEntryParams = z.strictObject({ id: z.string().uuid(), entryId: z.string().uuid() });
export const evidenceParams = z.strictObject({ id: z.string().uuid(), fileId: z.string().uuid() });

export const evidenceFileSchema = z.object({
  id: z.string().uuid(),
  mediaType: evidenceMediaTypeSchema,
  size: z.number().int(),
  /** The name it was uploaded under (shown on screen; never used in a URL or download name). */
  name: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;

export const logbookEntrySchema = z.object({
  id: z.string().uuid(),
  occurredOn: z.string(),
  channel: threatChannelSchema,
  what: z.string(),
  who: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  evidence: z.array(evidenceFileSchema),
});
export type LogbookEntry = z.infer<typeof logbookEntrySchema>;

export const logbookSchema = z.object({
  /** Newest first (by date of the threat, then by when it was recorded). */
  entries: z.array(logbookEntrySchema),
  /** What the viewer may do here, from the same policy the server enforces. */
  may: z.object({ record: z.boolean(), removeEvidence: z.boolean() }),
});
export type Logbook = z.infer<typeof logbookSchema>;
