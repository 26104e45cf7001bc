import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/**
 * AES-256-GCM with associated data. Layout of a sealed value:
 * [format 1 byte = 1][key version uint32 BE][iv 12][tag 16][ciphertext].
 */
const FORMAT = 1;
const HEADER = 1 + 4 + 12 + 16;

export class DecryptionError extends Error {
  constructor() {
    super('A protected value could not be decrypted');
  }
}

/** Keys may be raw bytes or a KeyObject made once (cheaper per call: no key import each time). */
export function aesGcmSeal(key: Buffer | KeyObject, plaintext: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; ct: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

export function aesGcmOpen(key: Buffer | KeyObject, parts: { iv: Buffer; tag: Buffer; ct: Buffer }, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export function pack(keyVersion: number, parts: { iv: Buffer; tag: Buffer; ct: Buffer }): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(keyVersion, 1);
  return Buffer.concat([header, parts.iv, parts.tag, parts.ct]);
}

export function unpack(blob: Buffer): { keyVersion: number; iv: Buffer; tag: Buffer; ct: Buffer } {
  if (blob.length < HEADER || blob.readUInt8(0) !== FORMAT) throw new DecryptionError();
  return {
    keyVersion: blob.readUInt32BE(1),
    iv: blob.subarray(5, 17),
    tag: blob.subarray(17, 33),
    ct: blob.subarray(33),
  };
}

/** Binds a ciphertext to its place: a value copied to another row, column or table fails to open. */
export function fieldAad(place: FieldPlace, keyVersion: number): Buffer {
  return Buffer.from(`exitdesk:v1:${place.table}.${place.column}:${place.rowId}:k${keyVersion}`, 'utf8');
}

export type FieldPlace = { table: string; column: string; rowId: string };
