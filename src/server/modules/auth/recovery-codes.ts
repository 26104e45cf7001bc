import { randomInt } from 'node:crypto';
import type { Keyring } from '../../platform/crypto/keyring.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of 12 characters (~59 bits each), shown once, stored hashed. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    // randomInt draws without modulo bias.
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Stored as a keyed hash: a stolen database alone does not allow offline guessing. */
export function hashRecoveryCode(keyring: Keyring, code: string): Buffer {
  return keyring.blindIndex('recovery-code', code.trim().toLowerCase().replace(/[^a-z0-9]/g, ''));
}
