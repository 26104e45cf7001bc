import type { FieldPlace } from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import {
  addDays, domainKind, domainScores, judgementDraftSchema, missingItems, ratingsSchema, scaleRange,
  type AssessmentDetail, type AssessmentSummary, type DomainChart, type InstrumentSummary, type JudgementDraft, type Ratings,
} from '../../../contracts/risk-assessment.ts';
import type { AssessmentListRow, AssessmentRow, InstrumentRow, SignedRow } from './queries.ts';

export const ratingsPlace = (id: string): FieldPlace => ({ table: 'risk_assessments', column: 'ratings_enc', rowId: id });
export const judgementPlace = (id: string): FieldPlace => ({ table: 'risk_assessments', column: 'judgement_enc', rowId: id });

const iso = (v: string | Date) => new Date(v).toISOString();
const isoOrNull = (v: string | Date | null) => (v ? iso(v) : null);

export function presentInstrument(r: InstrumentRow): InstrumentSummary {
  return {
    id: r.id, key: r.key, version: r.version, name: r.name, licence: r.licence, languages: r.languages, requiresCertification: r.requiresCertification,
    certificationName: r.certificationName, reviewIntervalDays: r.reviewIntervalDays, builtin: r.builtin, importedAt: iso(r.importedAt),
    domainCount: Number(r.domainCount), itemCount: Number(r.itemCount),
  };
}

export function presentSummary(r: AssessmentListRow): AssessmentSummary {
  return {
    id: r.id, number: r.number, instrument: r.instrument, status: r.status, riskLevel: r.riskLevel, nextReviewOn: r.nextReviewOn,
    createdAt: iso(r.createdAt), createdByName: r.createdByName, updatedAt: iso(r.updatedAt), signedAt: isoOrNull(r.signedAt), signedByName: r.signedByName,
  };
}

/** Ratings as stored (decrypted and checked against the contract again, so a stored oddity never reaches the page). */
export async function openRatings(keyring: Keyring, id: string, b64: string): Promise<Ratings> {
  const parsed = ratingsSchema.safeParse(JSON.parse(await keyring.decrypt(ratingsPlace(id), Buffer.from(b64, 'base64'))));
  return parsed.success ? parsed.data : {};
}

async function openJudgement(keyring: Keyring, id: string, b64: string | null): Promise<JudgementDraft | null> {
  if (!b64) return null;
  const parsed = judgementDraftSchema.safeParse(JSON.parse(await keyring.decrypt(judgementPlace(id), Buffer.from(b64, 'base64'))));
  return parsed.success ? parsed.data : null;
}

/** Decryption happens here, after the read was allowed and recorded. */
export async function presentAssessment(keyring: Keyring, r: AssessmentRow, reader: { mayDraft: boolean; certified: boolean }): Promise<AssessmentDetail> {
  const def = r.instrumentRow.definition;
  const ratings = await openRatings(keyring, r.id, r.ratingsEnc);
  const edit = r.status === 'draft' && reader.mayDraft;
  return {
    ...presentSummary(r),
    caseId: r.caseId,
    revision: r.revision,
    updatedByName: r.updatedByName,
    instrument: { ...presentInstrument(r.instrumentRow), definition: def },
    ratings,
    judgement: await openJudgement(keyring, r.id, r.judgementEnc),
    missing: missingItems(def, ratings),
    scores: domainScores(def, ratings),
    review: { today: r.today, earliest: addDays(r.today, 1), latest: addDays(r.today, r.instrumentRow.reviewIntervalDays) },
    certification: { required: r.instrumentRow.requiresCertification, name: r.instrumentRow.certificationName, held: reader.certified },
    may: { edit, sign: edit && (!r.instrumentRow.requiresCertification || reader.certified) },
  };
}

/** One chart per instrument used, each domain's score per signed assessment. */
export async function presentChart(keyring: Keyring, rows: SignedRow[]): Promise<DomainChart> {
  const charts = new Map<string, DomainChart['charts'][number]>();
  for (const r of rows) {
    let chart = charts.get(r.instrument.id);
    if (!chart) {
      chart = {
        instrument: r.instrument, scale: scaleRange(r.definition),
        domains: r.definition.domains.map((d) => ({ code: d.code, name: d.name, kind: domainKind(d) })), points: [],
      };
      charts.set(r.instrument.id, chart);
    }
    const ratings = await openRatings(keyring, r.id, r.ratingsEnc);
    chart.points.push({ assessmentId: r.id, number: r.number, signedAt: iso(r.signedAt), scores: domainScores(r.definition, ratings) });
  }
  return { charts: [...charts.values()] };
}
