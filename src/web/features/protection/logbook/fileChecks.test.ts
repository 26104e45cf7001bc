import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../../../contracts/logbook.ts';
import { checkFile, formatSize } from './fileChecks.ts';

describe('checkFile', () => {
  it('names a file over the limit, of a type not taken, or empty; takes images and PDFs by name or type', () => {
    expect(checkFile({ name: 'a.jpg', size: MAX_EVIDENCE_BYTES + 1, type: 'image/jpeg' })).toBe('file_too_large');
    expect(checkFile({ name: 'a.jpg', size: MAX_EVIDENCE_BYTES, type: 'image/jpeg' })).toBeNull();
    expect(checkFile({ name: 'setup.exe', size: 10, type: 'application/x-msdownload' })).toBe('file_type_not_allowed');
    expect(checkFile({ name: 'note.txt', size: 10, type: 'text/plain' })).toBe('file_type_not_allowed');
    expect(checkFile({ name: 'Scan.PDF', size: 10, type: '' })).toBeNull();
    expect(checkFile({ name: 'photo', size: 10, type: 'image/webp' })).toBeNull();
    expect(checkFile({ name: 'a.png', size: 0, type: 'image/png' })).toBe('file_missing');
  });
});

describe('formatSize', () => {
  it('uses the reader\u2019s number format', () => {
    expect(formatSize(MAX_EVIDENCE_BYTES, 'en-GB')).toBe('10 MB');
    expect(formatSize(1536, 'de-DE')).toBe('1,5 KB');
    expect(formatSize(900, 'en-GB')).toBe('900 B');
  });
});
