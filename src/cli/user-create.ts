import { text } from 'node:stream/consumers';
import { createStaffSchema } from '../contracts/staff.ts';
import { createLogger } from '../server/platform/config/logger.ts';
import { loadConfig } from '../server/platform/config/config.ts';
import { createStaff } from '../server/modules/staff/commands/create-staff.ts';
import { AppError } from '../server/platform/http/errors.ts';
import { openRuntime } from '../server/runtime.ts';

/** Scripted provisioning: the account gets its TOTP secret now, returned as an otpauth URI. */
export async function userCreateCommand(o: { email: string; name: string; role: string; passwordStdin?: boolean }): Promise<void> {
  if (!o.passwordStdin) throw new Error('Pass the password on standard input with --password-stdin (never as an argument: it would show in the process list).');
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  const parsed = createStaffSchema.safeParse({ email: o.email, name: o.name, role: o.role, password });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const config = loadConfig();
  const runtime = await openRuntime(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel), { shareRunning: true });
  try {
    const created = await createStaff({ db: runtime.ctx.db, keyring: runtime.ctx.keyring, audit: { actor: null, requestId: 'cli:user-create' }, input: parsed.data, withTotp: true });
    process.stdout.write(JSON.stringify({ id: created.id, totpUri: created.totpUri }) + '\n');
  } catch (e) {
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  } finally {
    await runtime.close();
  }
}
