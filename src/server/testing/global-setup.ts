import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../platform/config/logger.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/db/embedded.ts';
import { runMigrations } from '../platform/db/migrate.ts';

export const TEMPLATE_DB = 'exitdesk_template';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { ownerUrl: string; appUrl: string; runtimeRole: string | null; dataDir: string; embedded: boolean };
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: the embedded server by default, or the
 * server named by TEST_DATABASE_URL (CI's PostgreSQL 15 pass). A migrated
 * template database is made once; each test file clones it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exitdesk-test-'));
  let embedded: EmbeddedPostgres | null = null;
  let ownerBase: string;
  let appBase: string;
  let runtimeRole: string | null;
  if (process.env.TEST_DATABASE_URL) {
    ownerBase = process.env.TEST_DATABASE_OWNER_URL ?? process.env.TEST_DATABASE_URL;
    appBase = process.env.TEST_DATABASE_URL;
    runtimeRole = process.env.TEST_DATABASE_OWNER_URL ? decodeURIComponent(new URL(appBase).username) : null;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir, logger: createLogger('error'), unsafeNoFsync: true });
    ownerBase = embedded.ownerUrl;
    appBase = embedded.appUrl;
    runtimeRole = 'exitdesk_app';
  }
  try {
    const admin = new pg.Client({ connectionString: withDatabase(ownerBase, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    await runMigrations({ ownerUrl: withDatabase(ownerBase, TEMPLATE_DB), runtimeRole });
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  project.provide('testDb', { ownerUrl: ownerBase, appUrl: appBase, runtimeRole, dataDir, embedded: embedded !== null });
  return async () => {
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
