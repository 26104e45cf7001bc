import { hash, verify } from '@node-rs/argon2';

// OWASP 2024 argon2id baseline (m=19 MiB, t=2, p=1); the library's default algorithm is argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throwaway hash when there is no
 * account, so that "no such account" costs the same time as "wrong password".
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('exitdesk-timing-equaliser');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
