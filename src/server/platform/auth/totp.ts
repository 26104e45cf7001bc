import { authenticator } from 'otplib';

authenticator.options = { window: 1, step: 30, digits: 6 };

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

export function totpCode(secret: string, at = Date.now()): string {
  const saved = authenticator.options;
  authenticator.options = { ...saved, epoch: at };
  try {
    return authenticator.generate(secret);
  } finally {
    authenticator.options = saved;
  }
}

/**
 * Returns the time step the code belongs to, or null. Callers refuse a step at
 * or before the last one used, so an observed code cannot be replayed (RFC 6238 §5.2).
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const saved = authenticator.options;
  authenticator.options = { ...saved, epoch: now };
  try {
    const delta = authenticator.checkDelta(code, secret);
    return delta === null ? null : Math.floor(now / 1000 / 30) + delta;
  } finally {
    authenticator.options = saved;
  }
}
