import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmOpen, aesGcmSeal, DecryptionError, fieldAad, pack, unpack } from './envelope.ts';

describe('envelope encryption', () => {
  const key = randomBytes(32);
  const place = { table: 'case_notes', column: 'text_enc', rowId: 'row-1' };
  const seal = (text: string, p = place, v = 1) => pack(v, aesGcmSeal(key, Buffer.from(text), fieldAad(p, v)));
  const open = (blob: Buffer, p = place) => {
    const parts = unpack(blob);
    return aesGcmOpen(key, parts, fieldAad(p, parts.keyVersion)).toString();
  };

  it('round-trips and does not contain the plaintext', () => {
    const blob = seal('the client lives at 1 Secret Road');
    expect(blob.includes(Buffer.from('Secret Road'))).toBe(false);
    expect(open(blob)).toBe('the client lives at 1 Secret Road');
  });

  it('refuses a ciphertext moved to another row, column or table', () => {
    const blob = seal('note');
    expect(() => open(blob, { ...place, rowId: 'row-2' })).toThrow(DecryptionError);
    expect(() => open(blob, { ...place, column: 'other' })).toThrow(DecryptionError);
    expect(() => open(blob, { ...place, table: 'staff' })).toThrow(DecryptionError);
  });

  it('refuses a ciphertext whose key version was rewritten or whose bytes were flipped', () => {
    const blob = seal('note');
    const relabelled = Buffer.from(blob);
    relabelled.writeUInt32BE(2, 1);
    expect(() => open(relabelled)).toThrow(DecryptionError);
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(flipped)).toThrow(DecryptionError);
  });
});
