import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { hashPassword } from '../../../platform/auth/password.ts';
import { hashToken } from '../../../platform/auth/session-token.ts';
import { startSession } from '../../../platform/auth/sessions.ts';
import { organisation, setupTokens, staff } from '../../../platform/auth/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { reserveAttempt, throttleKeys, tooManyAttempts } from '../../../platform/auth/throttle.ts';

export type SetupInput = { token: string; organisationName: string; name: string; email: string; password: string };

/** Creates the organisation and its first manager, then hands over to MFA enrolment. */
const linkInvalid = () => new AppError(410, 'setup_link_invalid', 'This setup link is no longer valid. Exitdesk has already been set up, or the link was mistyped.');

export async function completeSetup(opts: { db: Db; input: SetupInput; requestId: string; ip: string }): Promise<{ sessionToken: string; staffId: string }> {
  const { db, input } = opts;
  const keys = throttleKeys('setup', 'setup', opts.ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) throw tooManyAttempts(wait, 'token');
  // Check the token before spending argon2 work on the password.
  const valid = await db.select({ h: setupTokens.tokenHash }).from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, hashToken(input.token)), isNull(setupTokens.usedAt))).limit(1);
  if (valid.length === 0) throw linkInvalid();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7303118004)`);
    const count = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from staff`)).rows[0]?.n ?? 0;
    const token = await tx.select().from(setupTokens)
      .where(and(eq(setupTokens.tokenHash, hashToken(input.token)), isNull(setupTokens.usedAt))).limit(1);
    if (count > 0 || token.length === 0) throw linkInvalid();
    const staffId = randomUUID();
    await tx.insert(organisation).values({ id: 1, name: input.organisationName });
    await tx.insert(staff).values({ id: staffId, email: input.email, displayName: input.name, role: 'manager', passwordHash });
    await tx.delete(setupTokens);
    await recordAudit(tx, { actor: { id: staffId, role: 'manager' }, requestId: opts.requestId }, { action: 'setup.complete', outcome: 'success', objectType: 'staff', objectId: staffId });
    const sessionToken = await startSession(tx, { staffId, stage: 'mfa' });
    return { sessionToken, staffId };
  });
}
