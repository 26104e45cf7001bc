import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/harness.ts';
import { createDb, type DbHandle } from './client.ts';

describe('transactions and the connection pool', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let handle: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = createDb(database.appUrl, { max: 2 });
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('gives the connection back when BEGIN itself fails (as when the database is restarting)', async () => {
    // An isolation level PostgreSQL does not know makes the BEGIN statement fail.
    for (let i = 0; i < 3; i++) {
      await expect(handle.db.transaction(async () => 'never', { isolationLevel: 'no such level' as never })).rejects.toThrow();
    }
    // With max 2 connections, three leaked ones would leave nothing to check out.
    expect(handle.pool.totalCount - handle.pool.idleCount).toBe(0);
    const ok = await handle.db.transaction(async (tx) => (await tx.execute<{ n: number }>(sql`select 1 as n`)).rows[0]!.n);
    expect(ok).toBe(1);
  });

  it('commits and rolls back as before', async () => {
    const n = await handle.db.transaction(async (tx) => (await tx.execute<{ n: number }>(sql`select 41 + 1 as n`)).rows[0]!.n);
    expect(n).toBe(42);
    await expect(handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(handle.pool.totalCount - handle.pool.idleCount).toBe(0);
  });
});
