import type pg from 'pg';
import { PgBoss, type Db as IDatabase } from 'pg-boss';

export const JOB_SCHEMA = 'pgboss';

/** Every queue Exitdesk uses, with its retry policy. Created by the schema owner at migration time. */
export const queues = {
  /** One job per visit and due time: fires the chain steps that are due, schedules the next. */
  escalation: { name: 'visit-escalation', options: { retryLimit: 20, retryDelay: 1, expireInSeconds: 30 } },
  /** One job per outgoing message; retried with back-off, then marked failed for managers to see. */
  delivery: { name: 'delivery', options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 } },
  /** Every minute: a backstop that finds due steps whose job was lost (e.g. a database restore). */
  sweep: { name: 'escalation-sweep', options: { retryLimit: 0, expireInSeconds: 60 } },
} as const;

/**
 * Installs or upgrades pg-boss's schema and queues as the schema owner and lets the
 * runtime role use them. The runtime role cannot create schemas or tables, so Exitdesk
 * instances start pg-boss with migrations off.
 */
export async function installJobSchema(client: pg.Client, opts: { ownerUrl: string; runtimeRole: string | null }): Promise<void> {
  const boss = new PgBoss({ connectionString: opts.ownerUrl, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: true, createSchema: true, max: 2, application_name: 'exitdesk-migrate-jobs' });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const q of Object.values(queues)) {
      if (!(await boss.getQueue(q.name))) await boss.createQueue(q.name, q.options);
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  if (opts.runtimeRole) {
    const r = client.escapeIdentifier(opts.runtimeRole);
    const s = client.escapeIdentifier(JOB_SCHEMA);
    await client.query(`grant usage on schema ${s} to ${r}`);
    await client.query(`grant select, insert, update, delete on all tables in schema ${s} to ${r}`);
    await client.query(`grant usage, select, update on all sequences in schema ${s} to ${r}`);
    await client.query(`grant execute on all functions in schema ${s} to ${r}`);
  }
}

/** pg-boss statements on a transaction's connection, so a job is queued if and only if the transaction commits. */
export function onConnection(client: pg.PoolClient | pg.Client): IDatabase {
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows }) };
}

export type Jobs = {
  boss: PgBoss;
  stop: () => Promise<void>;
};

/** The runtime's pg-boss: no migrations, no maintenance that needs the owner. */
export async function startJobs(opts: { runtimeUrl: string; onError: (e: Error) => void }): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: opts.runtimeUrl, schema: JOB_SCHEMA, migrate: false, createSchema: false,
    supervise: true, schedule: true, reindex: false, max: 4, application_name: 'exitdesk-jobs',
    // Jobs held by an instance that died are found and retried within seconds, not the default minute.
    superviseIntervalSeconds: 10,
  });
  boss.on('error', opts.onError);
  await boss.start();
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 5_000, close: true }) };
}
