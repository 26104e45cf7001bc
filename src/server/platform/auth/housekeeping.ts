import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { IDLE_TIMEOUT_MS } from './session-token.ts';
import { purgeThrottle } from './throttle.ts';

/** Removes dead sessions and old throttle windows; they protect nothing once expired. */
export function startHousekeeping(opts: { db: Db; logger: Logger; intervalMs?: number }): { stop: () => void } {
  const run = async () => {
    try {
      await opts.db.execute(sql`delete from sessions where expires_at < now() or last_seen_at < now() - make_interval(secs => ${IDLE_TIMEOUT_MS / 1000})`);
      await purgeThrottle(opts.db);
    } catch (e) {
      opts.logger.warn({ errType: (e as Error).name }, 'housekeeping deferred');
    }
  };
  const timer = setInterval(() => void run(), opts.intervalMs ?? 10 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
