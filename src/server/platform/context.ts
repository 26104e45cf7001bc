import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CookieSettings } from './auth/sessions.ts';
import type { AuditContext } from './audit/record.ts';
import type { CheckpointSigner } from './audit/signing.ts';
import type { Config } from './config/config.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { Db } from './db/client.ts';
import type { PgBoss } from 'pg-boss';
import type { LiveHub } from './live/hub.ts';
import type { Channels } from './notify/channels.ts';

/** What every module gets: plain dependencies, no service classes. */
export type AppContext = {
  config: Config;
  db: Db;
  keyring: Keyring;
  signer: CheckpointSigner;
  cookie: CookieSettings;
  logger: Logger;
  /** Base URL printed in links (setup link); derived from the public URL or host and port. */
  baseUrl: string;
  /** True while the database answers; flipped by the health probe. */
  health: { databaseUp: boolean };
  /** pg-boss, for queueing jobs (null in tests that do not need them). */
  jobs: PgBoss | null;
  /** Cross-instance live signals for open browser streams. */
  live: LiveHub | null;
  /** Outside channels for alerts; each null when not configured. */
  channels: Channels;
};

export function auditCtx(request: FastifyRequest): AuditContext {
  return { actor: request.actor ? { id: request.actor.id, role: request.actor.role } : null, requestId: request.id };
}
