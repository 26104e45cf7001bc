import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/errors.ts';

const WINDOW_SECONDS = 15 * 60;
const LIMITS = { subject: 10, ip: 50 } as const;

export type ThrottleKeys = { subject: string; ip: string };

/**
 * Keys are hashes, so the throttle table names no e-mail address or IP. `kind`
 * keeps namespaces apart (a typed e-mail can never collide with an MFA subject).
 */
export function throttleKeys(kind: 'login' | 'mfa' | 'setup', subject: string, ip: string): ThrottleKeys {
  const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
  return { subject: `${kind}:${h(subject.toLowerCase())}`, ip: `ip:${h(ip)}` };
}

async function bump(db: Db, key: string): Promise<{ failures: number; waitSeconds: number }> {
  const row = (await db.execute<{ failures: number; waitSeconds: number }>(sql`
    insert into login_throttle (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_SECONDS}) then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_SECONDS}) then now() else login_throttle.window_started_at end
    returning failures, greatest(0, ceil(extract(epoch from window_started_at + make_interval(secs => ${WINDOW_SECONDS}) - now())))::int as "waitSeconds"`)).rows[0]!;
  return row;
}

/**
 * Counts the attempt *before* the password or code is checked, atomically, so
 * a burst of parallel guesses cannot all slip past the limit. Returns the
 * seconds to wait (0 = go ahead). A success later calls `forgiveAttempt`.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKeys): Promise<number> {
  const subject = await bump(db, keys.subject);
  const ip = await bump(db, keys.ip);
  let wait = 0;
  if (subject.failures > LIMITS.subject) wait = Math.max(wait, subject.waitSeconds);
  if (ip.failures > LIMITS.ip) wait = Math.max(wait, ip.waitSeconds);
  return wait;
}

/** A successful attempt does not count against the subject or the address. */
export async function forgiveAttempt(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = ${keys.subject}`);
  await db.execute(sql`update login_throttle set failures = greatest(0, failures - 1) where key = ${keys.ip}`);
}

/** The refusal, naming the field whose attempts ran out and how long to wait. */
export function tooManyAttempts(waitSeconds: number, field: string): AppError {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  return new AppError(429, 'too_many_attempts', `Too many attempts. Try again in ${minutes} minutes.`, [
    { path: field, code: 'too_many_attempts', message: 'Too many attempts', params: { minutes } },
  ]);
}

/** Old windows are of no use to anyone; purged periodically. */
export async function purgeThrottle(db: Db): Promise<void> {
  await db.execute(sql`delete from login_throttle where window_started_at < now() - make_interval(secs => ${WINDOW_SECONDS * 2})`);
}
