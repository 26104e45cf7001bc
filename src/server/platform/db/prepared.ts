import { createHash } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

const dialect = new PgDialect();
const names = new Map<string, string>();

/**
 * Runs a hot-path statement as a named prepared statement, so PostgreSQL parses
 * and plans it once per connection instead of on every request. The name is
 * derived from the SQL text, so each distinct shape gets its own statement.
 */
export async function queryPrepared<Row>(db: Db | Tx, statement: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  let name = names.get(text);
  if (!name) {
    name = 'x' + createHash('sha1').update(text).digest('hex').slice(0, 20);
    if (names.size < 500) names.set(text, name);
  }
  // A transaction handle exposes its connection as `session.client`; the database handle as `$client`.
  const client = (db as { $client?: { query: Function } }).$client
    ?? (db as unknown as { session: { client: { query: Function } } }).session.client;
  const result = await client.query({ name, text, values: params }) as { rows: Row[] };
  return result.rows;
}
