import type { FieldPlace } from '../../../platform/crypto/envelope.ts';

/** Where each encrypted logbook value lives; a ciphertext opens only at its own place. */
export const entryDetailsPlace = (id: string): FieldPlace => ({ table: 'threat_log_entries', column: 'details_enc', rowId: id });
export const evidenceNamePlace = (id: string): FieldPlace => ({ table: 'evidence_files', column: 'name_enc', rowId: id });
/** Sealed with the case's own key: erasing that key makes every copy of the file unreadable. */
export const evidenceContentPlace = (id: string): FieldPlace => ({ table: 'evidence_files', column: 'content_enc', rowId: id });

/** What `details_enc` holds. */
export type EntryDetails = { what: string; who: string };
