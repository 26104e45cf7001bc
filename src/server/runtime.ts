import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { cookieSettings } from './platform/auth/sessions.ts';
import { startSealer } from './platform/audit/sealer-loop.ts';
import { startHousekeeping } from './platform/auth/housekeeping.ts';
import { loadSigner } from './platform/audit/signing.ts';
import type { Config } from './platform/config/config.ts';
import type { AppContext } from './platform/context.ts';
import { openKeyring } from './platform/crypto/keyring.ts';
import { loadMasterKey } from './platform/crypto/master-key.ts';
import { createDb, type DbHandle } from './platform/db/client.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { openDatabase, type DatabaseEndpoints } from './platform/db/open.ts';
import { assertRuntimeRoleRestricted } from './platform/db/runtime-role.ts';
import { assertSignerMatchesCheckpoints } from './platform/audit/signing-check.ts';
import { startJobs } from './platform/jobs/boss.ts';
import { startLiveHub } from './platform/live/hub.ts';
import { channelsFromConfig } from './platform/notify/channels.ts';
import { registerSafetyWorkers } from './modules/safety/workers.ts';

export type Runtime = { ctx: AppContext; handle: DbHandle; endpoints: DatabaseEndpoints; close: () => Promise<void> };

/** Database up, migrated, keys loaded: everything a command or the server needs. */
export async function openRuntime(config: Config, logger: Logger, opts: { shareRunning?: boolean } = {}): Promise<Runtime> {
  const endpoints = await openDatabase(config, logger, opts);
  try {
    await runMigrations({ ownerUrl: endpoints.ownerUrl, runtimeRole: endpoints.runtimeRole });
    const handle = createDb(endpoints.runtimeUrl);
    await assertRuntimeRoleRestricted(handle.db);
    const keyring = await openKeyring(handle.db, loadMasterKey({ fromEnv: config.masterKey, dataDir: config.dataDir }));
    const signer = loadSigner({ fromEnv: config.auditSigningKey, dataDir: config.dataDir });
    await assertSignerMatchesCheckpoints(handle.db, signer);
    // Keys stay in this process's memory only; child processes and /proc/self/environ readers get none.
    delete process.env.EXITDESK_MASTER_KEY;
    delete process.env.EXITDESK_AUDIT_SIGNING_KEY;
    const baseUrl = config.publicUrl?.replace(/\/$/, '') ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
    const ctx: AppContext = { config, db: handle.db, keyring, signer, cookie: cookieSettings(baseUrl.startsWith('https:')), logger, baseUrl, health: { databaseUp: true }, jobs: null, live: null, channels: { email: null, sms: null } };
    return {
      ctx, handle, endpoints,
      close: async () => {
        logger.info('stopping: database connections');
        // After database restarts the pool can keep a connection it never gets back, and ending
        // the pool would wait for it forever; nothing can be committed on it any more, so give up
        // after a few seconds and stop the database server cleanly all the same.
        const ended = await Promise.race([
          handle.close().then(() => true, () => true),
          new Promise<false>((r) => setTimeout(() => r(false), 5_000).unref()),
        ]);
        if (!ended) logger.warn('database connections did not close within 5 s; stopping anyway');
        logger.info('stopping: embedded database server');
        await endpoints.embedded?.stop();
      },
    };
  } catch (e) {
    await endpoints.embedded?.stop();
    throw e;
  }
}

export type Server = { app: FastifyInstance; runtime: Runtime; url: string; stop: () => Promise<void> };

export async function startServer(config: Config, logger: Logger): Promise<Server> {
  const runtime = await openRuntime(config, logger);
  const { ctx } = runtime;
  // Background work: the job queue (escalation timers, deliveries), live signals, outside channels.
  const jobs = await startJobs({ runtimeUrl: runtime.endpoints.runtimeUrl, onError: (e) => logger.warn({ errType: e.name }, 'job queue error') });
  const channels = channelsFromConfig(config, logger);
  ctx.jobs = jobs.boss;
  ctx.live = startLiveHub({ url: runtime.endpoints.runtimeUrl, logger });
  ctx.channels = channels;
  await registerSafetyWorkers(ctx, jobs.boss);
  const app = await buildApp(ctx);
  const sealer = startSealer({ db: ctx.db, signer: ctx.signer, intervalMs: config.sealIntervalMs, checkpointEveryMs: config.checkpointIntervalMs, logger });
  const housekeeping = startHousekeeping({ db: ctx.db, logger });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await sealer.stop();
    await jobs.stop().catch(() => undefined);
    await ctx.live.stop();
    await runtime.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  let stopping: Promise<void> | null = null;
  return {
    app, runtime, url,
    stop: () => {
      stopping ??= (async () => {
        // Each step is logged: a shutdown that hangs names the step it hangs in.
        logger.info('stopping: HTTP server');
        await app.close();
        housekeeping.stop();
        logger.info('stopping: job queue');
        // Jobs in hand are finished or handed back (their transaction rolls back; another instance retries).
        await jobs.stop().catch((e: Error) => logger.warn({ errType: e.name }, 'job queue did not stop cleanly'));
        await ctx.live?.stop();
        channels.close();
        logger.info('stopping: audit sealer');
        await sealer.stop();
        logger.info('stopping: database');
        await runtime.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
