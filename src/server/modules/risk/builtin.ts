import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { checkInstrument, type InstrumentDefinition } from '../../../contracts/risk.ts';
import { instrumentColumns } from './instrument-row.ts';

const SHIPPED = new URL('./exitdesk-screening.instrument.json', import.meta.url);

/** Exitdesk's own open screening instrument, checked like any imported file. */
export function shippedInstrument(): InstrumentDefinition {
  const checked = checkInstrument(JSON.parse(fs.readFileSync(SHIPPED, 'utf8')));
  if (!checked.ok) throw new Error(`the shipped risk instrument is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return checked.definition;
}

/**
 * Puts the shipped instrument into every database, once per version (run by the
 * schema owner right after the migrations). An existing row is never changed: a
 * stored definition is immutable and assessments refer to it.
 */
export async function installBuiltinInstruments(client: pg.Client): Promise<void> {
  const def = shippedInstrument();
  const c = instrumentColumns(def);
  await client.query(
    `insert into risk_instruments (id, key, version, name, definition, requires_certification, certification_name, review_interval_days, builtin)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, true) on conflict (key, version) do nothing`,
    [randomUUID(), c.key, c.version, c.name, JSON.stringify(def), c.requiresCertification, c.certificationName, c.reviewIntervalDays],
  );
}
