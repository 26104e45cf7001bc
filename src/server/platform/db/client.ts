import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbHandle = { pool: pg.Pool; db: Db; close: () => Promise<void> };

// Bigint counts (e.g. count(*)) fit comfortably in a JS number for our sizes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createDb(url: string, opts: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Bound every statement so a stuck lock shows up as an error, not a hung request.
    statement_timeout: 30_000,
    application_name: 'exitdesk',
  });
  // A client losing its connection (database restart) must not crash the process: idle ones
  // report on the pool; one checked out (inside a transaction) reports on itself, and with no
  // listener Node would throw. Its query still fails, and the request answers 503.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  const db = drizzle(pool, { schema });
  // drizzle's own pool transaction checks a client out before BEGIN but returns it in a `finally`
  // that BEGIN stands outside of: when BEGIN fails (the database restarting) the client never goes
  // back, and pool.end() then waits for it forever. Every transaction runs on a client we return.
  db.transaction = ((run, config) => transactionWithClient(db, (tx) => run(tx), config)) as Db['transaction'];
  return { pool, db, close: () => pool.end() };
}

/** One drizzle handle per pooled connection: building one costs ~0.3 ms (schema), a connection lives long. */
const onClient = new WeakMap<pg.PoolClient, NodePgDatabase<typeof schema>>();

/** A unique constraint refused the row (SQLSTATE 23505), possibly wrapped by drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** True when the error means the database is unreachable rather than a bad query. */
export function isDatabaseUnavailable(e: unknown): boolean {
  // drizzle wraps the driver's error ("Failed query: …") and keeps it as `cause`.
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code ?? '';
  const unreachable = /Connection terminated|timeout exceeded when trying to connect|the database system is|Client has encountered a connection error|Client was closed/i;
  return ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003'].includes(code)
    || unreachable.test(err?.message ?? '') || unreachable.test(err?.cause?.message ?? '');
}

/**
 * A transaction on a connection of our own, for work that must also run statements
 * of another library (pg-boss) inside the same transaction.
 */
export async function transactionWithClient<T>(db: Db, run: (tx: Tx, client: pg.PoolClient) => Promise<T>, config?: Parameters<Db['transaction']>[1]): Promise<T> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    let handle = onClient.get(client);
    if (!handle) onClient.set(client, handle = drizzle(client, { schema }));
    return await handle.transaction((tx) => run(tx as unknown as Tx, client), config);
  } catch (e) {
    if (isDatabaseUnavailable(e)) broken = e as Error;
    throw e;
  } finally {
    client.release(broken);
  }
}
