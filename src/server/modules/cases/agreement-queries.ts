import { sql, type SQL } from 'drizzle-orm';
import type { Agreement, Conduct } from '../../../contracts/agreement.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { agreementPlace } from './commands/record-agreement.ts';
import { decisionPlace } from './commands/decide-conduct.ts';
import { incidentPlace } from './commands/record-incident.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql } from './policy.ts';

type AgreementRow = Omit<Agreement, 'offer' | 'conductRules'> & { id: string; offerEnc: string; conductRulesEnc: string };

/** Every agreement of a visible case, newest first, with the transparency statement of its programme version. */
export function agreementsSql(actor: Actor, id: string): SQL {
  return sql`select c.id, ${accessBasisSql(actor, 'c.id')} as basis,
      coalesce((select json_agg(x order by x.version desc) from (
        select a.id, a.version, a.agreed_on as "agreedOn", a.given_how as "givenHow", encode(a.offer_enc, 'base64') as "offerEnc",
          encode(a.conduct_rules_enc, 'base64') as "conductRulesEnc", a.consents, pv.name as "programmeName", a.programme_version as "programmeVersion",
          pv.profile->>'transparencyStatement' as "transparencyStatement", st.display_name as "recordedByName", a.recorded_at as "recordedAt"
        from case_agreements a join programme_versions pv on pv.programme_id = c.programme_id and pv.version = a.programme_version
        left join staff st on st.id = a.recorded_by where a.case_id = c.id) x), '[]'::json) as agreements
    from cases c where c.id = ${id} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`;
}

export async function presentAgreements(keyring: Keyring, rows: AgreementRow[]): Promise<Agreement[]> {
  return Promise.all(rows.map(async ({ id, offerEnc, conductRulesEnc, ...a }) => ({
    ...a, recordedAt: new Date(a.recordedAt).toISOString(),
    offer: await keyring.decrypt(agreementPlace(id, 'offer_enc'), Buffer.from(offerEnc, 'base64')),
    conductRules: await keyring.decrypt(agreementPlace(id, 'conduct_rules_enc'), Buffer.from(conductRulesEnc, 'base64')),
  })));
}

type IncidentRow = Omit<Conduct['incidents'][number], 'description' | 'actionsTaken'> & { descriptionEnc: string; actionsEnc: string };
type DecisionRow = Omit<Conduct['decisions'][number], 'reasons'> & { id: string; reasonsEnc: string };

export function conductSql(actor: Actor, id: string): SQL {
  return sql`select c.id, ${accessBasisSql(actor, 'c.id')} as basis,
      coalesce((select json_agg(json_build_object('id', i.id, 'occurredOn', i.occurred_on, 'kind', i.kind, 'severity', i.severity,
          'descriptionEnc', encode(i.description_enc, 'base64'), 'actionsEnc', encode(i.actions_enc, 'base64'), 'recordedByName', st.display_name, 'recordedAt', i.recorded_at)
        order by i.occurred_on desc, i.recorded_at desc) from conduct_incidents i left join staff st on st.id = i.recorded_by where i.case_id = c.id), '[]'::json) as incidents,
      coalesce((select json_agg(json_build_object('id', d.id, 'decision', d.decision, 'reasonsEnc', encode(d.reasons_enc, 'base64'),
          'decidedByName', st.display_name, 'decidedAt', d.decided_at) order by d.decided_at desc)
        from conduct_decisions d left join staff st on st.id = d.decided_by where d.case_id = c.id), '[]'::json) as decisions
    from cases c where c.id = ${id} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`;
}

export async function presentConduct(keyring: Keyring, row: { incidents: IncidentRow[]; decisions: DecisionRow[] }): Promise<Conduct> {
  const open = (place: { table: string; column: string; rowId: string }, b64: string) => keyring.decrypt(place, Buffer.from(b64, 'base64'));
  return {
    incidents: await Promise.all(row.incidents.map(async ({ descriptionEnc, actionsEnc, ...i }) => ({
      ...i, recordedAt: new Date(i.recordedAt).toISOString(),
      description: await open(incidentPlace(i.id, 'description_enc'), descriptionEnc),
      actionsTaken: await open(incidentPlace(i.id, 'actions_enc'), actionsEnc),
    }))),
    decisions: await Promise.all(row.decisions.map(async ({ id, reasonsEnc, ...d }) => ({
      ...d, decidedAt: new Date(d.decidedAt).toISOString(), reasons: await open(decisionPlace(id), reasonsEnc),
    }))),
  };
}
