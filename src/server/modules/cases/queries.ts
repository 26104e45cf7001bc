import { sql, type SQL } from 'drizzle-orm';
import type { AccessBasis, NoteLevel } from '../../../contracts/cases.ts';
import type { CaseState } from '../../../contracts/intake.ts';
import type { Actor, SqlActor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql, caseScopeSqlForSqlActor, noteVisibleSql, type CaseFacts } from './policy.ts';
import { reasonIdSql } from '../../platform/audit/reasons.ts';

const isSqlActor = (actor: Actor | SqlActor): actor is SqlActor => !('sessionIdHash' in actor);
const scope = (actor: Actor | SqlActor) => (isSqlActor(actor) ? caseScopeSqlForSqlActor(actor, 'c.id') : caseScopeSql(caseScopeFor(actor), 'c.id'));
const actorIdSql = (actor: Actor | SqlActor) => (isSqlActor(actor) ? actor.id : sql`${actor.id}::uuid`);

type Enc = string | null;

/** A visible case as stored: encrypted fields still encrypted (base64), decrypted only by the presenter. */
export type VisibleCase = Omit<CaseFacts, 'team'> & {
  id: string;
  codename: string;
  status: CaseState;
  version: number;
  programmeId: string;
  programmeName: string;
  programmeVersionAtReferral: number;
  programmeVersionAccepted: number | null;
  referralRoute: string;
  referredOn: string;
  referrerEnc: Enc;
  firstInformationEnc: Enc;
  eligibilityFactsEnc: Enc;
  outsideTargetReasonEnc: Enc;
  screeningLevel: 'low' | 'moderate' | 'high' | null;
  protectionNeeded: boolean;
  closureReason: string | null;
  closureTextEnc: Enc;
  createdAt: string;
  basis: AccessBasis;
  breakGlassUntil: string | null;
  team: { staffId: string; name: string; role: 'lead' | 'member'; identityAccess: boolean }[];
  discussion: { id: string; heldOn: string; participantsEnc: string; decision: 'accept' | 'decline' | 'more_information'; reasonsEnc: string; recordedByName: string | null; recordedAt: string } | null;
  screening: { id: string; riskToStaff: 'low' | 'moderate' | 'high'; threatFromGroup: 'low' | 'moderate' | 'high'; immediateProtectionNeeded: boolean; notesEnc: string; recordedByName: string | null; recordedAt: string } | null;
  identity: { version: number; updatedAt: string } | null;
};

const b64 = (col: string) => sql.raw(`encode(${col}, 'base64')`);

/** The case with everything its page shows, if the actor may see it: one row or none. The scope is part of the WHERE. */
export function visibleCaseSql(actor: Actor | SqlActor, id: string | SQL): SQL {
  const me = actorIdSql(actor);
  return sql`select c.id, c.codename, c.status, c.version, c.programme_id as "programmeId", p.name as "programmeName",
      c.programme_version_at_referral as "programmeVersionAtReferral", c.programme_version_accepted as "programmeVersionAccepted",
      c.referral_route as "referralRoute", c.referred_on::text as "referredOn", ${b64('c.referrer_enc')} as "referrerEnc",
      ${b64('c.first_information_enc')} as "firstInformationEnc", ${b64('c.eligibility_facts_enc')} as "eligibilityFactsEnc",
      ${b64('c.outside_target_reason_enc')} as "outsideTargetReasonEnc", c.screening_level as "screeningLevel", c.protection_needed as "protectionNeeded",
      c.closure_reason as "closureReason", ${b64('c.closure_text_enc')} as "closureTextEnc", c.created_at as "createdAt",
      ${accessBasisSql(isSqlActor(actor) ? actor : { id: actor.id, role: actor.role }, 'c.id')} as basis,
      (select max(g.expires_at) from break_glass_grants g where g.case_id = c.id and g.staff_id = ${me} and g.expires_at > now()) as "breakGlassUntil",
      -- Names looked up per member (a nested loop), not by hashing the whole staff table for a team of two.
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'name', t.name, 'role', t.role, 'identityAccess', t.identity_access) order by t.role, t.name)
        from (select t.*, (select st.display_name from staff st where st.id = t.staff_id) as name from case_team t where t.case_id = c.id) t), '[]'::json) as team,
      coalesce((select json_agg(distinct g.staff_id) from break_glass_grants g where g.case_id = c.id and g.expires_at > now()), '[]'::json) as "breakGlassStaffIds",
      (select json_build_object('id', d.id, 'heldOn', d.held_on, 'participantsEnc', encode(d.participants_enc, 'base64'), 'decision', d.decision,
          'reasonsEnc', encode(d.reasons_enc, 'base64'), 'recordedByName', st.display_name, 'recordedAt', d.recorded_at)
        from case_discussions d left join staff st on st.id = d.recorded_by where d.case_id = c.id order by d.recorded_at desc limit 1) as discussion,
      (select json_build_object('id', s.id, 'riskToStaff', s.risk_to_staff, 'threatFromGroup', s.threat_from_group, 'immediateProtectionNeeded', s.immediate_protection_needed,
          'notesEnc', encode(s.notes_enc, 'base64'), 'recordedByName', st.display_name, 'recordedAt', s.recorded_at)
        from case_screenings s left join staff st on st.id = s.recorded_by where s.case_id = c.id order by s.recorded_at desc limit 1) as screening,
      (select json_build_object('version', i.version, 'updatedAt', i.updated_at) from case_identity i where i.case_id = c.id) as identity
    from cases c join programmes p on p.id = c.programme_id
    where c.id = ${id} and ${scope(actor)}`;
}

/**
 * The case if the actor may see it, else null — the same null as for a case that
 * does not exist. Commands lock the row, so checks and writes see one state.
 *
 * Locking is its own statement: a statement that waited for the lock keeps the
 * snapshot it started with for everything but the locked row, so facts read in
 * it (identity version, team, grants) could be those of before the other writer.
 * The read after the lock starts a fresh snapshot and sees the committed change.
 */
export async function findVisibleCase(tx: Tx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<VisibleCase | null> {
  if (opts.lock) {
    const locked = await tx.execute(sql`select c.id from cases c where c.id = ${id} and ${scope(actor)} for update of c`);
    if (locked.rows.length === 0) return null;
  }
  return (await tx.execute<VisibleCase>(visibleCaseSql(actor, id))).rows[0] ?? null;
}

export type NoteRow = { id: string; rootId: string; version: number; level: NoteLevel; textEnc: string; authorId: string; authorName: string; createdAt: string };

/**
 * Notes of a visible case that the actor may read at their level, every version,
 * newest first: one row (the case) or none, so an empty case still counts as visible.
 */
export function visibleCaseNotesSql(actor: Actor | SqlActor, id: string | SQL): SQL {
  return sql`select c.id, ${accessBasisSql(isSqlActor(actor) ? actor : { id: actor.id, role: actor.role }, 'c.id')} as basis,
      coalesce((select json_agg(json_build_object('id', n.id, 'rootId', n.root_id, 'version', n.version, 'level', n.level,
          'textEnc', encode(n.text_enc, 'base64'), 'authorId', n.author_id, 'authorName', st.display_name, 'createdAt', n.created_at) order by n.created_at desc)
        from (select * from case_notes n where n.case_id = c.id and ${noteVisibleSql(isSqlActor(actor) ? actor : { id: actor.id, role: actor.role }, 'c.id')}
              order by n.created_at desc limit 1000) n join staff st on st.id = n.author_id), '[]'::json) as notes,
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'role', t.role, 'identityAccess', t.identity_access)) from case_team t where t.case_id = c.id), '[]'::json) as team,
      coalesce((select json_agg(distinct g.staff_id) from break_glass_grants g where g.case_id = c.id and g.expires_at > now()), '[]'::json) as "breakGlassStaffIds"
    from cases c where c.id = ${id} and ${scope(actor)}`;
}

export type AccessRow = { at: string; actorId: string | null; actorName: string | null; actorRole: string | null; action: string; outcome: string; basis: AccessBasis | null; reason: string | null;
  /** A person's free-text reason, encrypted (the audit entry holds only `ref:<id>:<digest>`). */
  reasonEnc: string | null };

/** Access log of a visible case, newest first (callers have checked the actor may read it). */
export function caseAccessSql(actor: Actor, id: string, limit: number): SQL {
  return sql`select c.id, ${accessBasisSql({ id: actor.id, role: actor.role }, 'c.id')} as basis, coalesce((select json_agg(x order by x.seq desc) from (
        select e.seq, e.occurred_at as at, e.actor_id as "actorId", st.display_name as "actorName", e.actor_role as "actorRole", e.action, e.outcome, e.basis, e.reason,
          encode(ar.reason_enc, 'base64') as "reasonEnc"
        from audit_events e left join staff st on st.id = e.actor_id
          left join audit_reasons ar on ar.id = ${reasonIdSql('e.reason')}
        where e.case_id = c.id order by e.seq desc limit ${limit}) x), '[]'::json) as entries
    from cases c where c.id = ${id} and ${scope(actor)}`;
}

/** "Who knows what": the audit log of a visible case, folded per person. */
export function whoKnowsSql(actor: Actor, id: string): SQL {
  return sql`select c.id, ${accessBasisSql({ id: actor.id, role: actor.role }, 'c.id')} as basis, coalesce((select json_agg(x order by x."lastAt" desc) from (
        select e.actor_id as "staffId", st.display_name as name, st.role,
          coalesce(json_agg(distinct e.basis) filter (where e.basis is not null), '[]'::json) as bases,
          count(*) filter (where e.action like '%.read' or e.action like '%.list') as reads,
          count(*) filter (where e.action not like '%.read' and e.action not like '%.list' and e.action not like '%.reveal') as changes,
          count(*) filter (where e.action = 'case.identity.reveal') as "identityReveals",
          min(e.occurred_at) as "firstAt", max(e.occurred_at) as "lastAt",
          exists (select 1 from case_team t where t.case_id = c.id and t.staff_id = e.actor_id) as "onTeamNow"
        from audit_events e join staff st on st.id = e.actor_id
        where e.case_id = c.id and e.outcome = 'success'
        group by e.actor_id, st.display_name, st.role) x), '[]'::json) as people
    from cases c where c.id = ${id} and ${scope(actor)}`;
}

export type TimelineRow = { id: string; at: string; kind: string; actorName: string | null; data: Record<string, string | number | boolean | null>; textEnc: string | null };

/** The case's own history, oldest first. */
export function timelineSql(actor: Actor, id: string): SQL {
  // The newest 2000 events, shown oldest first. Note events carry the note's level: one the reader may
  // not read is left out, so the timeline does not tell them that a sealed note exists.
  const levelVisible = noteVisibleSql({ id: actor.id, role: actor.role }, 'c.id').getSQL();
  return sql`select c.id, ${accessBasisSql({ id: actor.id, role: actor.role }, 'c.id')} as basis, coalesce((select json_agg(x order by x.seq) from (
        select ev.id, ev.seq, ev.at, ev.kind, st.display_name as "actorName", ev.data, encode(ev.text_enc, 'base64') as "textEnc"
        from case_events ev left join staff st on st.id = ev.actor_id cross join lateral (select ev.data->>'level' as level) n
        where ev.case_id = c.id and (n.level is null or ${levelVisible})
        order by ev.seq desc limit 2000) x), '[]'::json) as events
    from cases c where c.id = ${id} and ${scope(actor)}`;
}
