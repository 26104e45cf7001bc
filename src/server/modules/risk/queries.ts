import { sql, type SQL } from 'drizzle-orm';
import type { AssessmentLevel, InstrumentDefinition, LocalText } from '../../../contracts/risk.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { DUE_SOON_DAYS } from '../../../contracts/risk-assessment.ts';
import { reviewDutySql, riskReadSql } from './policy.ts';

export type InstrumentRow = {
  id: string; key: string; version: string; name: LocalText; licence: LocalText; languages: string[]; requiresCertification: boolean;
  certificationName: string | null; reviewIntervalDays: number; builtin: boolean; importedAt: string; domainCount: number; itemCount: number;
};

const instrumentColumnsSql = (alias: string) => sql.raw(`${alias}.id, ${alias}.key, ${alias}.version, ${alias}.definition->'name' as name, ${alias}.definition->'licence' as licence,
  coalesce(${alias}.definition->'languages', '[]'::jsonb) as languages, ${alias}.requires_certification as "requiresCertification",
  ${alias}.certification_name as "certificationName", ${alias}.review_interval_days as "reviewIntervalDays", ${alias}.builtin, ${alias}.imported_at as "importedAt",
  jsonb_array_length(${alias}.definition->'domains') as "domainCount",
  (select coalesce(sum(jsonb_array_length(d->'items')), 0)::int from jsonb_array_elements(${alias}.definition->'domains') d) as "itemCount"`);

/** Instruments that can be used, the shipped one first. Definitions are not case data: reading them is not audited. */
export function instrumentsSql(): SQL {
  return sql`select ${instrumentColumnsSql('i')} from risk_instruments i where i.retired_at is null order by i.builtin desc, i.name, i.version`;
}

export function instrumentSql(id: string): SQL {
  return sql`select ${instrumentColumnsSql('i')}, i.definition from risk_instruments i where i.id = ${id}`;
}

const instrumentRefSql = sql`json_build_object('id', i.id, 'key', i.key, 'version', i.version, 'name', i.definition->'name', 'languages', coalesce(i.definition->'languages', '[]'::jsonb))`;

export type AssessmentListRow = {
  id: string; number: number; instrument: { id: string; key: string; version: string; name: LocalText; languages: string[] };
  status: 'draft' | 'signed'; riskLevel: AssessmentLevel | null; nextReviewOn: string | null; createdAt: string; createdByName: string | null;
  updatedAt: string; signedAt: string | null; signedByName: string | null;
};

const listColumns = sql`a.id, a.number, ${instrumentRefSql} as instrument, a.status, a.risk_level as "riskLevel", a.next_review_on::text as "nextReviewOn",
  a.created_at as "createdAt", (select display_name from staff s where s.id = a.created_by) as "createdByName", a.updated_at as "updatedAt",
  a.signed_at as "signedAt", (select display_name from staff s where s.id = a.signed_by) as "signedByName"`;

/** A case's assessments, newest number first; the risk rule is part of the WHERE. */
export function assessmentListSql(actor: Actor, caseId: string): SQL {
  return sql`select ${listColumns} from risk_assessments a join risk_instruments i on i.id = a.instrument_id
    where a.case_id = ${caseId} and ${riskReadSql(actor, 'a.case_id')} order by a.number desc`;
}

export type AssessmentRow = AssessmentListRow & {
  caseId: string; revision: number; updatedByName: string | null; ratingsEnc: string; judgementEnc: string | null; today: string;
  instrumentRow: InstrumentRow & { definition: InstrumentDefinition };
};

export function assessmentSql(actor: Actor, caseId: string, assessmentId: string): SQL {
  return sql`select ${listColumns}, a.case_id as "caseId", a.revision, (select display_name from staff s where s.id = a.updated_by) as "updatedByName",
      encode(a.ratings_enc, 'base64') as "ratingsEnc", encode(a.judgement_enc, 'base64') as "judgementEnc", current_date::text as today,
      (select row_to_json(x) from (select ${instrumentColumnsSql('ii')}, ii.definition from risk_instruments ii where ii.id = a.instrument_id) x) as "instrumentRow"
    from risk_assessments a join risk_instruments i on i.id = a.instrument_id
    where a.id = ${assessmentId} and a.case_id = ${caseId} and ${riskReadSql(actor, 'a.case_id')}`;
}

export type SignedRow = { id: string; number: number; signedAt: string; ratingsEnc: string; instrument: AssessmentListRow['instrument']; definition: InstrumentDefinition };

/** Signed assessments in the order they were signed, with their instrument (the chart). */
export function signedAssessmentsSql(actor: Actor, caseId: string): SQL {
  return sql`select a.id, a.number, a.signed_at as "signedAt", encode(a.ratings_enc, 'base64') as "ratingsEnc", ${instrumentRefSql} as instrument, i.definition
    from risk_assessments a join risk_instruments i on i.id = a.instrument_id
    where a.case_id = ${caseId} and a.status = 'signed' and ${riskReadSql(actor, 'a.case_id')} order by a.signed_at, a.number`;
}

/** A dashboard card, not a report: the most urgent ones. */
export const REVIEWS_LIMIT = 200;

/** Which signed assessment of a case is its current risk picture: the last signed (numbers follow starts, not signatures). */
export const latestSignedFirst = sql.raw('a.signed_at desc, a.number desc');

export type ReviewRow = { caseId: string; codename: string; assessmentId: string; number: number; instrumentName: LocalText; instrumentLanguages: string[]; nextReviewOn: string; daysOverdue: number };

/**
 * Cases (not closed) whose latest signed assessment is due for review: past its
 * review date, or within DUE_SOON_DAYS. A newer signed assessment replaces the
 * older one's date. Managers see every case; others the cases they lead.
 */
export function reviewsDueSql(actor: Actor): SQL {
  return sql`select l.case_id as "caseId", c.codename, l.id as "assessmentId", l.number, i.definition->'name' as "instrumentName",
      coalesce(i.definition->'languages', '[]'::jsonb) as "instrumentLanguages", l.next_review_on::text as "nextReviewOn", (current_date - l.next_review_on)::int as "daysOverdue"
    from (select distinct on (a.case_id) a.case_id, a.id, a.number, a.instrument_id, a.next_review_on
          from risk_assessments a where a.status = 'signed' and ${reviewDutySql(actor, 'a.case_id')}
          order by a.case_id, ${latestSignedFirst}) l
    join cases c on c.id = l.case_id join risk_instruments i on i.id = l.instrument_id
    where c.status <> 'closed' and l.next_review_on <= current_date + ${DUE_SOON_DAYS}::int
    order by l.next_review_on, c.codename limit ${REVIEWS_LIMIT}`;
}
