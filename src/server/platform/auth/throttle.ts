import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { account: 10, ip: 50 } as const;

export type ThrottleKeys = { account: string; ip: string };

/** Keys are hashes, so the throttle table names no e-mail address or IP. */
export function throttleKeys(email: string, ip: string): ThrottleKeys {
  const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
  return { account: `a:${h(email.toLowerCase())}`, ip: `i:${h(ip)}` };
}

/** Seconds until the caller may try again, or 0. Keyed by the typed e-mail whether or not it exists. */
export async function throttleWait(db: Db, keys: ThrottleKeys): Promise<number> {
  const rows = (await db.execute<{ wait: number }>(sql`select coalesce(max(ceil(extract(epoch from blocked_until - now()))), 0)::int as wait
    from login_throttle where key in (${keys.account}, ${keys.ip}) and blocked_until > now()`)).rows;
  return Math.max(0, rows[0]?.wait ?? 0);
}

export async function recordLoginFailure(db: Db, keys: ThrottleKeys): Promise<void> {
  for (const [kind, key] of [['account', keys.account], ['ip', keys.ip]] as const) {
    await db.execute(sql`insert into login_throttle (key, failures, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_MS / 1000}) then 1 else login_throttle.failures + 1 end,
        window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_MS / 1000}) then now() else login_throttle.window_started_at end,
        blocked_until = case when (case when login_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_MS / 1000}) then 1 else login_throttle.failures + 1 end) >= ${LIMITS[kind]}
          then now() + make_interval(secs => ${WINDOW_MS / 1000}) else login_throttle.blocked_until end`);
  }
}

export async function clearAccountFailures(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = ${keys.account}`);
}
