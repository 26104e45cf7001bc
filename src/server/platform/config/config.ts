import path from 'node:path';
import { z } from 'zod';

/**
 * Everything Exitdesk reads from the environment, validated once at start so a
 * typo fails loudly instead of silently falling back to an unsafe default.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  EXITDESK_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** Owner connection for migrations when DATABASE_URL is a restricted runtime role. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  EXITDESK_MASTER_KEY: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM or base64 DER) for audit checkpoints; default: a file in the data dir. */
  EXITDESK_AUDIT_SIGNING_KEY: z.string().optional(),
  /** Public origin users reach Exitdesk at, e.g. https://exit.example.org — used for CSRF and cookies. */
  EXITDESK_PUBLIC_URL: z.string().url().optional(),
  /** Reverse proxies to trust for the client address: "true" or comma-separated addresses/CIDRs. */
  EXITDESK_TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EXITDESK_SEAL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  EXITDESK_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** How long a second factor counts as fresh for revealing a sealed identity: 10 s to 5 minutes (default). */
  EXITDESK_STEP_UP_SECONDS: z.coerce.number().int().min(10).max(300).default(300),
  /** Outgoing e-mail for safety alerts, e.g. smtps://user:password@mail.example.org:465. Unset: in-app alerts only. */
  EXITDESK_SMTP_URL: z.string().url().refine((u) => /^smtps?:/.test(u), 'must start with smtp:// or smtps://').optional(),
  EXITDESK_MAIL_FROM: z.string().default('Exitdesk <exitdesk@localhost>'),
  /** SMS and push go through a notifier; "console" prints them (development). No provider is built in. */
  EXITDESK_SMS_NOTIFIER: z.enum(['console']).optional(),
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  masterKey: string | undefined;
  auditSigningKey: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean | string[] | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sealIntervalMs: number;
  checkpointIntervalMs: number;
  stepUpSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsNotifier: 'console' | undefined;
};

export class ConfigError extends Error {}

function parseTrustProxy(v: string | undefined): boolean | string[] | undefined {
  if (!v) return undefined;
  if (v === 'true') return true;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.EXITDESK_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    masterKey: e.EXITDESK_MASTER_KEY,
    auditSigningKey: e.EXITDESK_AUDIT_SIGNING_KEY,
    publicUrl: e.EXITDESK_PUBLIC_URL,
    trustProxy: parseTrustProxy(e.EXITDESK_TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    sealIntervalMs: e.EXITDESK_SEAL_INTERVAL_MS,
    checkpointIntervalMs: e.EXITDESK_CHECKPOINT_INTERVAL_MS,
    stepUpSeconds: e.EXITDESK_STEP_UP_SECONDS,
    smtpUrl: e.EXITDESK_SMTP_URL,
    mailFrom: e.EXITDESK_MAIL_FROM,
    smsNotifier: e.EXITDESK_SMS_NOTIFIER,
  };
}
