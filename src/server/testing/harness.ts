import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { cookieSettings } from '../platform/auth/sessions.ts';
import { loadSigner } from '../platform/audit/signing.ts';
import type { Config } from '../platform/config/config.ts';
import { createLogger } from '../platform/config/logger.ts';
import type { AppContext } from '../platform/context.ts';
import { openKeyring } from '../platform/crypto/keyring.ts';
import { loadMasterKey } from '../platform/crypto/master-key.ts';
import { createDb, type DbHandle } from '../platform/db/client.ts';
import { startJobs } from '../platform/jobs/boss.ts';
import { startLiveHub } from '../platform/live/hub.ts';
import type { Channels } from '../platform/notify/channels.ts';
import { registerSafetyWorkers } from '../modules/safety/workers.ts';

const TEMPLATE_DB = 'exitdesk_template';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export type TestEnv = {
  ctx: AppContext;
  app: FastifyInstance;
  /** Runtime-role connection (what the app uses). */
  handle: DbHandle;
  /** Owner connection, for tests that play the attacker or inspect raw rows. */
  owner: pg.Pool;
  dataDir: string;
  close: () => Promise<void>;
};

/** A fresh database cloned from the migrated template; the URLs for the runtime role and the owner. */
export async function createTestDatabase(): Promise<{ name: string; appUrl: string; ownerUrl: string; drop: () => Promise<void> }> {
  const info = inject('testDb');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(info.ownerUrl, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  return { name, appUrl: withDatabase(info.appUrl, name), ownerUrl: withDatabase(info.ownerUrl, name), drop: () => dropTestDatabase(info.ownerUrl, name) };
}

/** A fresh database cloned from the migrated template, and an app on top of it. */
export async function createTestEnv(opts: {
  logStream?: NodeJS.WritableStream; config?: Partial<Config>;
  /** Start pg-boss (to queue jobs), the live hub, and with 'workers' the safety workers too. */
  jobs?: boolean | 'workers'; channels?: Channels;
} = {}): Promise<TestEnv> {
  const info = inject('testDb');
  const { name } = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(info.dataDir, `${name}-`));
  const config: Config = {
    port: 0, host: '127.0.0.1', dataDir, databaseUrl: undefined, databaseOwnerUrl: undefined, masterKey: undefined,
    auditSigningKey: undefined, publicUrl: undefined, trustProxy: undefined, logLevel: 'info', sealIntervalMs: 1000, checkpointIntervalMs: 60_000, stepUpSeconds: 300, smtpUrl: undefined, mailFrom: 'Exitdesk <exitdesk@localhost>', smsNotifier: undefined,
    ...opts.config,
  };
  const logger = createLogger(config.logLevel, opts.logStream as never);
  const handle = createDb(withDatabase(info.appUrl, name), { max: 10 });
  const owner = new pg.Pool({ connectionString: withDatabase(info.ownerUrl, name), max: 3 });
  // Dropping the test database (with force) can reach an idle connection that is still closing: not a failure.
  owner.on('error', () => undefined);
  const keyring = await openKeyring(handle.db, loadMasterKey({ fromEnv: config.masterKey, dataDir }));
  const signer = loadSigner({ fromEnv: undefined, dataDir });
  const ctx: AppContext = { config, db: handle.db, keyring, signer, cookie: cookieSettings(false), logger, baseUrl: 'http://127.0.0.1:3000', health: { databaseUp: true }, jobs: null, live: null, channels: { email: null, sms: null } };
  if (opts.channels) ctx.channels = opts.channels;
  const jobs = opts.jobs ? await startJobs({ runtimeUrl: withDatabase(info.appUrl, name), onError: () => undefined }) : null;
  if (jobs) {
    ctx.jobs = jobs.boss;
    ctx.live = startLiveHub({ url: withDatabase(info.appUrl, name), logger });
    if (opts.jobs === 'workers') await registerSafetyWorkers(ctx, jobs.boss);
  }
  const app = await buildApp(ctx, { logger: opts.logStream ? { stream: opts.logStream } : false, withWeb: false });
  await app.ready();
  return {
    ctx, app, handle, owner, dataDir,
    close: async () => {
      await app.close();
      await jobs?.stop();
      await ctx.live?.stop();
      await handle.close();
      await owner.end();
      await dropTestDatabase(info.ownerUrl, name);
    },
  };
}

/**
 * A closed pool's backends may still be exiting. On an external server the owner role
 * is no superuser and may not terminate the runtime role's backends, so `with (force)`
 * would fail there: wait for them to go first.
 */
async function dropTestDatabase(ownerUrl: string, name: string): Promise<void> {
  const a = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await a.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const n = (await a.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name])).rows[0]?.n ?? 0;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await a.query(`drop database if exists ${name} with (force)`);
  } finally {
    await a.end();
  }
}
