import type { TFunction } from 'i18next';
import { evidenceErrorCodes, evidenceExtensions, evidenceMediaTypes, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PIXELS } from '../../../../contracts/logbook.ts';
import { isApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../lib/errors.ts';

/** For the file picker: what the server may accept (it decides by content). */
export const ACCEPT = [...evidenceMediaTypes, ...evidenceExtensions].join(',');

export type FileProblem = 'file_too_large' | 'file_type_not_allowed' | 'file_missing';

/**
 * A first check in the browser, so a wrong file is named before it travels.
 * The server checks again from the bytes; a renamed file passes here and is
 * refused there.
 */
export function checkFile(file: Pick<File, 'name' | 'size' | 'type'>): FileProblem | null {
  if (file.size === 0) return 'file_missing';
  if (file.size > MAX_EVIDENCE_BYTES) return 'file_too_large';
  const name = file.name.toLowerCase();
  const byName = evidenceExtensions.some((ext) => name.endsWith(ext));
  const byType = (evidenceMediaTypes as readonly string[]).includes(file.type);
  return byName || byType ? null : 'file_type_not_allowed';
}

/** 1 decimal place below 10 units, whole numbers above; binary units as the limit is. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: u > 0 && v < 10 ? 1 : 0 }).format(v);
  return `${n} ${units[u]}`;
}

const isEvidenceCode = (code: string): code is (typeof evidenceErrorCodes)[number] => (evidenceErrorCodes as readonly string[]).includes(code);

/** One sentence for a refused file, in the reader's language, whether the browser or the server refused it. */
export function fileProblemMessage(t: TFunction, locale: string, problem: FileProblem | unknown): string {
  const code = typeof problem === 'string' ? problem : isApiError(problem) ? problem.code : null;
  if (code && isEvidenceCode(code)) {
    return t(`logbook.fileErrors.${code}`, { size: formatSize(MAX_EVIDENCE_BYTES, locale), megapixels: MAX_EVIDENCE_PIXELS / 1_000_000 });
  }
  return errorMessage(t, problem);
}
