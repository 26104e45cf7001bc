import { sql, type SQL } from 'drizzle-orm';
import type { AccessBasis } from '../../../../contracts/cases.ts';
import type { CaseState } from '../../../../contracts/intake.ts';
import type { InvolvedStaff } from '../../../../contracts/threats.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Db } from '../../../platform/db/client.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { accessBasisSql, caseScopeFor, caseScopeSql, type CaseFacts } from '../../cases/policy.ts';
import { protectionPolicy, protectionReadSql } from '../policy.ts';
import type { ActorRow, KnowledgeRow, LinkRow, ThreatRows } from './presenter.ts';

type CaseRow = Omit<CaseFacts, 'team'> & {
  id: string;
  status: CaseState;
  basis: AccessBasis;
  team: (CaseFacts['team'][number] & { name: string; staffRole: string })[];
  /** The SQL reading of the threats rule; the data columns are null unless it holds. */
  allowed: boolean;
  actors: ActorRow[] | null;
  links: LinkRow[] | null;
  knowledge: KnowledgeRow[] | null;
  linkedStaff: Omit<InvolvedStaff, 'teamRole'>[] | null;
};

/**
 * The case (if visible at all) with its team and grants, and — only where the
 * threats rule holds in the statement itself — its actors, links and knowledge.
 * One row, or none for a case that is out of scope or does not exist.
 */
export function threatAnalysisSql(actor: Pick<Actor, 'id' | 'role'>, caseId: string): SQL {
  const allowed = protectionReadSql(actor, 'threats', 'c.id');
  return sql`select c.id, c.status, ${accessBasisSql(actor, 'c.id')} as basis, ${allowed} as allowed,
      coalesce((select json_agg(json_build_object('staffId', t.staff_id, 'role', t.role, 'identityAccess', t.identity_access, 'name', st.display_name, 'staffRole', st.role)
          order by t.role, st.display_name) from case_team t join staff st on st.id = t.staff_id where t.case_id = c.id), '[]'::json) as team,
      coalesce((select json_agg(distinct g.staff_id) from break_glass_grants g where g.case_id = c.id and g.expires_at > now()), '[]'::json) as "breakGlassStaffIds",
      case when ${allowed} then coalesce((select json_agg(json_build_object('id', a.id, 'kind', a.kind, 'detailsEnc', encode(a.details_enc, 'base64'), 'revision', a.revision,
          'createdByName', st.display_name, 'updatedAt', a.updated_at) order by a.created_at, a.id)
        from threat_actors a left join staff st on st.id = a.created_by where a.case_id = c.id), '[]'::json) end as actors,
      case when ${allowed} then coalesce((select json_agg(json_build_object('id', l.id, 'fromActorId', l.from_actor_id, 'toKind', l.to_kind, 'toActorId', l.to_actor_id,
          'toStaffId', l.to_staff_id, 'relationEnc', encode(l.relation_enc, 'base64'), 'createdByName', st.display_name, 'createdAt', l.created_at) order by l.created_at, l.id)
        from threat_links l left join staff st on st.id = l.created_by where l.case_id = c.id), '[]'::json) end as links,
      case when ${allowed} then coalesce((select json_agg(json_build_object('id', k.id, 'category', k.category, 'notesEnc', encode(k.notes_enc, 'base64'),
          'recordedByName', st.display_name, 'recordedAt', k.created_at) order by k.created_at, k.id)
        from dangerous_knowledge k left join staff st on st.id = k.created_by where k.case_id = c.id), '[]'::json) end as knowledge,
      -- Someone a link names who has since left the team still appears in the network (as no longer on the team).
      case when ${allowed} then coalesce((select json_agg(json_build_object('staffId', st.id, 'name', st.display_name, 'staffRole', st.role) order by st.display_name)
        from staff st where st.id in (select l.to_staff_id from threat_links l where l.case_id = c.id and l.to_staff_id is not null)
          and not exists (select 1 from case_team t where t.case_id = c.id and t.staff_id = st.id)), '[]'::json) end as "linkedStaff"
    from cases c where c.id = ${caseId} and ${caseScopeSql(caseScopeFor(actor), 'c.id')}`;
}

/**
 * The threat analysis as stored, after its audit entry: a case out of scope is
 * a 404 like one that does not exist; a case the reader sees but whose threat
 * analysis is not theirs to read (an emergency reader) is a 403. Both refusals
 * are recorded. The entry commits with the read, before anything is returned.
 */
export async function readThreatAnalysis(opts: { db: Db; actor: Actor; requestId: string; caseId: string }): Promise<{ rows: ThreatRows; mayEdit: boolean }> {
  const { actor, caseId } = opts;
  const ctx = { actor: { id: actor.id, role: actor.role }, requestId: opts.requestId };
  const base = { action: 'case.threats.read', objectType: 'case', objectId: caseId, caseId } as const;
  const out = await opts.db.transaction(async (tx) => {
    const row = (await tx.execute<CaseRow>(threatAnalysisSql(actor, caseId))).rows[0];
    if (!row) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', reason: 'not visible' });
      return 'not visible' as const;
    }
    // The rule read twice — as the policy says it and as the statement filtered — must agree before anything is shown.
    if (!protectionPolicy.mayRead(actor, row, 'threats') || !row.allowed || !row.actors || !row.links || !row.knowledge || !row.linkedStaff) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: row.basis, reason: 'threat analysis not readable on this basis' });
      return 'refused' as const;
    }
    await recordAudit(tx, ctx, { ...base, outcome: 'success', basis: row.basis });
    const staff: InvolvedStaff[] = [
      ...row.team.map((t) => ({ staffId: t.staffId, name: t.name, staffRole: t.staffRole, teamRole: t.role })),
      ...row.linkedStaff.map((s) => ({ ...s, teamRole: null })),
    ];
    return { rows: { actors: row.actors, links: row.links, knowledge: row.knowledge, staff }, mayEdit: protectionPolicy.mayWrite(actor, row, 'threats', row.status) };
  });
  if (out === 'not visible') throw notFound();
  if (out === 'refused') throw forbidden();
  return out;
}
