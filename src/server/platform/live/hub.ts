import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Tx } from '../db/client.ts';

const CHANNEL = 'exitdesk_live';

/**
 * Live updates across instances: a transaction that creates something a person
 * should see now calls `signalStaff`; PostgreSQL delivers the NOTIFY on commit to
 * every instance, and each tells its own open streams of that person. The signal
 * carries only a staff id, never content: the browser then refetches under its
 * own permissions.
 */
export async function signalStaff(tx: Tx, staffIds: readonly string[]): Promise<void> {
  const ids = [...new Set(staffIds)];
  if (ids.length) await tx.execute(sql`select pg_notify(${CHANNEL}, id) from unnest(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::text[]) as id`);
}

export type LiveHub = {
  subscribe: (staffId: string, onSignal: () => void) => () => void;
  stop: () => Promise<void>;
};

export function startLiveHub(opts: { url: string; logger: Logger }): LiveHub {
  const subscribers = new Map<string, Set<() => void>>();
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;

  const deliver = (staffId: string) => { for (const fn of subscribers.get(staffId) ?? []) fn(); };
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: opts.url, application_name: 'exitdesk-live' });
    c.on('error', () => undefined);
    c.on('notification', (msg) => { if (msg.channel === CHANNEL && msg.payload) deliver(msg.payload); });
    c.on('end', () => {
      if (client === c) client = null;
      if (!stopped) setTimeout(() => void connect(), retryMs).unref();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      client = c;
      retryMs = 500;
      // Signals sent while we were not listening are lost: tell everyone to refetch once.
      for (const id of subscribers.keys()) deliver(id);
    } catch (e) {
      opts.logger.warn({ errType: (e as Error).name }, 'live updates: cannot listen yet; retrying');
      retryMs = Math.min(retryMs * 2, 10_000);
      await c.end().catch(() => undefined);
    }
  };
  void connect();
  return {
    subscribe: (staffId, onSignal) => {
      const set = subscribers.get(staffId) ?? new Set();
      set.add(onSignal);
      subscribers.set(staffId, set);
      return () => { set.delete(onSignal); if (set.size === 0) subscribers.delete(staffId); };
    },
    stop: async () => {
      stopped = true;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
