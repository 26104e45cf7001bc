import type { Identity } from '../../../contracts/identity.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';

/** Same person, same digest: case, accents, punctuation and spacing do not matter, nor the order of the name parts. */
export function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean).sort().join(' ');
}

/**
 * Keyed digests (HMAC with a key of their own, derived from the master key) over
 * each known name with the date of birth. Without a date of birth no digest is
 * made: a name alone matches too many strangers.
 */
export function personDigests(keyring: Keyring, identity: Identity): Buffer[] {
  if (!identity.dateOfBirth) return [];
  const names = new Set([identity.legalName, ...identity.aliases].map(normaliseName).filter(Boolean));
  return [...names].map((n) => keyring.blindIndex('person', `${n}|${identity.dateOfBirth}`));
}
