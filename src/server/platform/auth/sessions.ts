import { eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../contracts/staff.ts';
import type { Db, Tx } from '../db/client.ts';
import { queryPrepared } from '../db/prepared.ts';
import { ABSOLUTE_TIMEOUT_MS, hashToken, IDLE_TIMEOUT_MS, MFA_STAGE_TIMEOUT_MS, newSessionToken } from './session-token.ts';
import { sessions } from './tables.ts';

export type CookieSettings = { name: string; secure: boolean };

/** `__Host-` requires Secure; on plain http://localhost browsers refuse it, so a plain name is used there. */
export function cookieSettings(https: boolean): CookieSettings {
  return https ? { name: '__Host-exitdesk', secure: true } : { name: 'exitdesk_session', secure: false };
}

export function setSessionCookie(reply: FastifyReply, cookie: CookieSettings, token: string): void {
  reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure });
}

export function clearSessionCookie(reply: FastifyReply, cookie: CookieSettings): void {
  reply.clearCookie(cookie.name, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure });
}

/**
 * Starts a new session for a staff member and returns its token. Called at each
 * step of sign-in so the id changes whenever privilege changes (no fixation).
 */
export async function startSession(tx: Db | Tx, opts: { staffId: string; stage: 'mfa' | 'active'; replacing?: Buffer | null; pendingTotpSecretEnc?: Buffer | null; mfaAt?: Date | null }): Promise<string> {
  if (opts.replacing) await tx.delete(sessions).where(eq(sessions.idHash, opts.replacing));
  const { token, idHash } = newSessionToken();
  const now = Date.now();
  await tx.insert(sessions).values({
    idHash,
    staffId: opts.staffId,
    stage: opts.stage,
    pendingTotpSecretEnc: opts.pendingTotpSecretEnc ?? null,
    expiresAt: new Date(now + (opts.stage === 'mfa' ? MFA_STAGE_TIMEOUT_MS : ABSOLUTE_TIMEOUT_MS)),
    mfaAt: opts.mfaAt ?? null,
  });
  return token;
}

export type LoadedSession = {
  idHash: Buffer;
  stage: string;
  staffId: string;
  role: Role;
  name: string;
  mfaAt: Date | null;
  pendingTotpSecretEnc: Buffer | null;
};

/** The idle clock is written at most this often, to keep reads cheap. */
export const TOUCH_AFTER_SECONDS = 60;

/**
 * When a session counts as live: not expired, not idle too long, its account
 * not disabled. Over `sessions s join staff st`; one rule for every reader.
 */
export function liveSessionWhere(idHash: Buffer | SQL): SQL {
  return sql`s.id_hash = ${idHash} and s.expires_at > now()
    and s.last_seen_at > now() - make_interval(secs => ${IDLE_TIMEOUT_MS / 1000}) and st.disabled_at is null`;
}

/** Finds a live session. Runs on every request. */
export async function findSession(db: Db, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const idHash = hashToken(token);
  const row = (await queryPrepared<LoadedSession & { idleMs: number }>(db, sql`
    select s.id_hash as "idHash", s.stage, s.staff_id as "staffId", st.role, st.display_name as name, s.mfa_at as "mfaAt",
      s.pending_totp_secret_enc as "pendingTotpSecretEnc", extract(epoch from now() - s.last_seen_at) * 1000 as "idleMs"
    from sessions s join staff st on st.id = s.staff_id
    where ${liveSessionWhere(idHash)}`))[0];
  if (!row) return null;
  // Sliding idle timeout.
  if (Number(row.idleMs) > TOUCH_AFTER_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
  }
  return { idHash: row.idHash, stage: row.stage, staffId: row.staffId, role: row.role, name: row.name, mfaAt: row.mfaAt ? new Date(row.mfaAt) : null, pendingTotpSecretEnc: row.pendingTotpSecretEnc };
}

export async function endSession(db: Db | Tx, idHash: Buffer): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function endAllSessionsOf(db: Db | Tx, staffId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.staffId, staffId));
}

export function sessionTokenFrom(request: FastifyRequest, cookie: CookieSettings): string | undefined {
  return request.cookies[cookie.name];
}
