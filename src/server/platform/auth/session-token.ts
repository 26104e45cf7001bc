import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random token; only its SHA-256 is stored, so a database dump holds no live sessions. */
export function newSessionToken(): { token: string; idHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, idHash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** An unfinished second-factor step expires quickly. */
export const MFA_STAGE_TIMEOUT_MS = 10 * 60 * 1000;
