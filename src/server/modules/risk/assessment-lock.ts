import { sql } from 'drizzle-orm';
import type { Ratings } from '../../../contracts/risk-assessment.ts';
import type { InstrumentDefinition } from '../../../contracts/risk.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';

export type LockedAssessment = {
  id: string; number: number; status: 'draft' | 'signed'; revision: number;
  definition: InstrumentDefinition; requiresCertification: boolean; certificationName: string | null; reviewIntervalDays: number;
};

export const assessmentSigned = () => new AppError(409, 'assessment_signed', 'This assessment is signed and can no longer be changed. Start a new assessment to record a new picture.');
export const assessmentChanged = () => new AppError(409, 'assessment_changed', 'Someone saved this assessment since you opened it. Reload to see their change; what you typed stays in the form.');

/**
 * The draft a save or sign works on, locked for the rest of the transaction, with
 * its instrument. A missing one, or one of another case, is a 404; a signed one or
 * a stale revision a 409 — checked here so save and sign cannot disagree.
 */
export async function lockDraft(tx: Tx, caseId: string, assessmentId: string, revision: number): Promise<LockedAssessment> {
  const a = (await tx.execute<LockedAssessment>(sql`select a.id, a.number, a.status, a.revision, i.definition, i.requires_certification as "requiresCertification",
      i.certification_name as "certificationName", i.review_interval_days as "reviewIntervalDays"
    from risk_assessments a join risk_instruments i on i.id = a.instrument_id where a.id = ${assessmentId} and a.case_id = ${caseId} for update of a`)).rows[0];
  if (!a) throw notFound();
  if (a.status === 'signed') throw assessmentSigned();
  if (a.revision !== revision) throw assessmentChanged();
  return a;
}

/**
 * Ratings must name the instrument's items and scale options; anything else is a
 * 400 naming the rating. Empty entries (no rating, no text) are dropped.
 */
export function checkedRatings(def: InstrumentDefinition, ratings: Ratings): Ratings {
  const items = new Set(def.domains.flatMap((d) => d.items.map((i) => i.code)));
  const options = new Set(def.scale.map((s) => s.code));
  const fields: FieldError[] = [];
  const out: Ratings = {};
  for (const [code, r] of Object.entries(ratings)) {
    if (!items.has(code)) fields.push({ path: `ratings.${code}`, code: 'unknown_item', message: 'This instrument has no item with this code' });
    else if (r.scale !== null && !options.has(r.scale)) fields.push({ path: `ratings.${code}.scale`, code: 'unknown_scale_option', message: 'Not an option of this instrument\'s scale' });
    else if (r.scale !== null || r.evidenceFor || r.evidenceAgainst || r.source) out[code] = r;
  }
  if (fields.length) throw new AppError(400, 'validation_failed', 'Some ratings do not fit this instrument', fields);
  return out;
}
