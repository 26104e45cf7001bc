import { randomUUID } from 'node:crypto';
import { checkInstrument } from '../../../../contracts/risk.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, forbidden } from '../../../platform/http/errors.ts';
import { instrumentColumns } from '../instrument-row.ts';
import { riskPolicy } from '../policy.ts';
import { riskInstruments } from '../tables.ts';

export const instrumentInvalid = (errors: { path: string; code: string; message: string }[]) =>
  new AppError(400, 'instrument_invalid', 'The instrument file has problems; each is listed with its place in the file.', errors);

/**
 * Loads an instrument definition (a manager in the web app, or the command line as
 * the system). Every problem is reported with its place; a version that is already
 * loaded is refused, because assessments refer to the definition they were made with.
 */
export async function importInstrument(opts: { db: Db; actor: Actor | null; requestId: string; raw: unknown }): Promise<{ id: string; key: string; version: string }> {
  const audit = { actor: opts.actor ? { id: opts.actor.id, role: opts.actor.role } : null, requestId: opts.requestId };
  if (opts.actor && !riskPolicy.mayImportInstrument(opts.actor)) {
    await opts.db.transaction((tx) => recordAudit(tx, audit, { action: 'risk.instrument.import', outcome: 'denied', objectType: 'risk_instrument' }));
    throw forbidden();
  }
  const checked = checkInstrument(opts.raw);
  if (!checked.ok) throw instrumentInvalid(checked.errors);
  const def = checked.definition;
  return opts.db.transaction(async (tx) => {
    const id = randomUUID();
    const inserted = await tx.insert(riskInstruments).values({ id, ...instrumentColumns(def), definition: def, builtin: false, importedBy: opts.actor?.id ?? null })
      .onConflictDoNothing({ target: [riskInstruments.key, riskInstruments.version] }).returning({ id: riskInstruments.id });
    if (inserted.length === 0) {
      throw new AppError(409, 'instrument_exists', `Version "${def.version}" of the instrument "${def.key}" is already loaded. A new edition needs a new version.`,
        [{ path: 'version', code: 'instrument_exists', message: 'this version is already loaded', params: { key: def.key, version: def.version } }]);
    }
    await recordAudit(tx, audit, { action: 'risk.instrument.import', outcome: 'success', objectType: 'risk_instrument', objectId: id });
    return { id, key: def.key, version: def.version };
  });
}
