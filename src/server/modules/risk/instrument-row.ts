import { certificationNameOf, pickText, type InstrumentDefinition } from '../../../contracts/risk.ts';

/** The plain columns of an instrument row, derived from its definition (one rule for import and the shipped one). */
export function instrumentColumns(def: InstrumentDefinition) {
  return {
    key: def.key,
    version: def.version,
    name: pickText(def.name, def.languages[0] ?? 'en', def.languages),
    requiresCertification: def.requiresCertification,
    certificationName: certificationNameOf(def),
    reviewIntervalDays: def.reviewIntervalDays,
  };
}
