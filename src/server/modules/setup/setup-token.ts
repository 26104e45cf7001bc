import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashToken } from '../../platform/auth/session-token.ts';
import { setupTokens } from '../../platform/auth/tables.ts';
import type { Db } from '../../platform/db/client.ts';

export async function needsSetup(db: Db): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from staff`);
  return (r.rows[0]?.n ?? 0) === 0;
}

/**
 * A one-time token for the first manager, valid until setup is completed.
 * Only its hash is stored; the token itself is printed once to the console.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const token = randomBytes(24).toString('base64url');
  await db.insert(setupTokens).values({ tokenHash: hashToken(token) });
  return token;
}

/** The token goes in the URL fragment, which browsers never send to the server or put in logs. */
export function setupLink(baseUrl: string, token: string): string {
  return `${baseUrl}/setup#token=${token}`;
}
