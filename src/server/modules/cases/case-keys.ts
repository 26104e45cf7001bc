import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { caseKeys } from './tables.ts';
import { aesGcmOpen, aesGcmSeal, DecryptionError, fieldAad, pack, unpack, type FieldPlace } from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';

/**
 * A case's own data key, for its sealed identity and other sealed parts (the
 * threat logbook's evidence files). It is stored wrapped by a keyring data key;
 * deleting the case_keys row makes the sealed parts unreadable for good
 * (crypto-erasure), whatever copies of the ciphertext exist.
 * Values sealed with it carry key version 0 in their header.
 */
const CASE_KEY_VERSION = 0;
const wrapPlace = (caseId: string): FieldPlace => ({ table: 'case_keys', column: 'wrapped', rowId: caseId });

export type CaseKey = {
  seal: (place: FieldPlace, plaintext: string) => Buffer;
  open: (place: FieldPlace, blob: Buffer) => string;
  /** The same for binary content (evidence files), without a detour through text. */
  sealBytes: (place: FieldPlace, bytes: Buffer) => Buffer;
  openBytes: (place: FieldPlace, blob: Buffer) => Buffer;
};

function caseKey(key: Buffer): CaseKey {
  const sealBytes = (place: FieldPlace, bytes: Buffer) => pack(CASE_KEY_VERSION, aesGcmSeal(key, bytes, fieldAad(place, CASE_KEY_VERSION)));
  const openBytes = (place: FieldPlace, blob: Buffer) => {
    const parts = unpack(blob);
    if (parts.keyVersion !== CASE_KEY_VERSION) throw new DecryptionError();
    return aesGcmOpen(key, parts, fieldAad(place, CASE_KEY_VERSION));
  };
  return {
    seal: (place, plaintext) => sealBytes(place, Buffer.from(plaintext, 'utf8')),
    open: (place, blob) => openBytes(place, blob).toString('utf8'),
    sealBytes,
    openBytes,
  };
}

/** The case's key, created on first use. Call inside the transaction that writes with it. */
export async function caseKeyFor(tx: Tx, keyring: Keyring, caseId: string): Promise<CaseKey> {
  const existing = await findCaseKey(tx, keyring, caseId);
  if (existing) return existing;
  const key = randomBytes(32);
  await tx.insert(caseKeys).values({ caseId, wrapped: keyring.encrypt(wrapPlace(caseId), key.toString('base64')) }).onConflictDoNothing();
  // Another request may have created it first: use whichever was stored.
  const stored = await findCaseKey(tx, keyring, caseId);
  if (!stored) throw new Error('case key could not be stored');
  return stored;
}

/** Null when the case has no key (nothing sealed yet, or erased). */
export async function findCaseKey(tx: Tx, keyring: Keyring, caseId: string): Promise<CaseKey | null> {
  const row = (await tx.select({ wrapped: caseKeys.wrapped }).from(caseKeys).where(eq(caseKeys.caseId, caseId)).limit(1))[0];
  if (!row) return null;
  return caseKey(Buffer.from(await keyring.decrypt(wrapPlace(caseId), row.wrapped), 'base64'));
}
