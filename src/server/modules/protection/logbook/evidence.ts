import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { EVIDENCE_FIELD, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PIXELS, evidenceMediaTypes, type EvidenceMediaType } from '../../../../contracts/logbook.ts';
import { AppError } from '../../../platform/http/errors.ts';

/**
 * Turns uploaded bytes into what is stored: the type detected from the content
 * (the declared type and the file name are ignored, so an .exe or a web page
 * renamed .jpg is refused), and for images a re-encoding without any metadata.
 *
 * Images: sharp drops EXIF (including GPS), XMP, IPTC, ICC and PNG text chunks
 * unless told to keep them; `.rotate()` first applies the EXIF orientation to the
 * pixels so the picture stays upright once the tag is gone. The result is read
 * back and refused if any metadata survived, so a change in sharp's defaults
 * fails loudly instead of storing a location. Animated WebP keeps its first frame.
 *
 * PDFs are stored byte for byte: their metadata (author, software, dates, and
 * whatever the document itself shows) is NOT removed. The upload form says so.
 *
 * Everything happens in memory. sharp reads sequentially by default and copies
 * to memory (not to a temporary file) when a rotation needs random access, and
 * the decoded size is capped by MAX_EVIDENCE_PIXELS.
 */
export type PreparedEvidence = { mediaType: EvidenceMediaType; bytes: Buffer };

const fileError = (status: number, code: string, message: string, params?: Record<string, number | string>) =>
  new AppError(status, code, message, [{ path: EVIDENCE_FIELD, code, message, ...(params ? { params } : {}) }]);

export const evidenceErrors = {
  missing: () => fileError(400, 'file_missing', 'Choose a file to upload'),
  tooLarge: () => fileError(413, 'file_too_large', `The file is larger than ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MB`, { maximum: MAX_EVIDENCE_BYTES }),
  typeNotAllowed: () => fileError(400, 'file_type_not_allowed', 'Only JPEG, PNG and WebP images and PDF documents can be uploaded'),
  unreadable: () => fileError(400, 'file_unreadable', 'The file could not be read; it may be damaged'),
  imageTooLarge: () => fileError(400, 'image_too_large', `The image has more than ${MAX_EVIDENCE_PIXELS / 1_000_000} million pixels`, { maximum: MAX_EVIDENCE_PIXELS }),
};

const allowed = new Set<string>(evidenceMediaTypes);

/** The media type the bytes really are, or null when it is none we accept. */
export async function detectEvidenceType(bytes: Buffer): Promise<EvidenceMediaType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return found && allowed.has(found.mime) ? (found.mime as EvidenceMediaType) : null;
}

export async function prepareEvidence(bytes: Buffer): Promise<PreparedEvidence> {
  if (bytes.length === 0) throw evidenceErrors.missing();
  if (bytes.length > MAX_EVIDENCE_BYTES) throw evidenceErrors.tooLarge();
  const mediaType = await detectEvidenceType(bytes);
  if (!mediaType) throw evidenceErrors.typeNotAllowed();
  if (mediaType === 'application/pdf') return { mediaType, bytes };
  return { mediaType, bytes: await stripImage(bytes, mediaType) };
}

async function stripImage(bytes: Buffer, mediaType: Exclude<EvidenceMediaType, 'application/pdf'>): Promise<Buffer> {
  let out: Buffer;
  try {
    // failOn 'error': a slightly damaged photo is still evidence; only undecodable input is refused.
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_EVIDENCE_PIXELS, sequentialRead: true }).rotate();
    const encoded = mediaType === 'image/jpeg' ? image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
      : mediaType === 'image/png' ? image.png({ compressionLevel: 6 })
        : image.webp({ quality: 92 });
    out = await encoded.toBuffer();
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw evidenceErrors.imageTooLarge();
    throw evidenceErrors.unreadable();
  }
  await assertNoMetadata(out);
  return out;
}

/** Throws (a 500: it is our failure, not the user's) if a re-encoded image still carries metadata. */
export async function assertNoMetadata(image: Buffer): Promise<void> {
  const m = await sharp(image).metadata();
  const left = [m.exif && 'exif', m.xmp && 'xmp', m.iptc && 'iptc', m.icc && 'icc', m.comments?.length && 'comments'].filter(Boolean);
  if (left.length > 0) throw new Error(`image metadata survived re-encoding: ${left.join(', ')}`);
}
