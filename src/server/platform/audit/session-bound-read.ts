import { sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../contracts/staff.ts';
import type { Actor, SqlActor } from '../auth/actor.ts';
import { liveSessionWhere, TOUCH_AFTER_SECONDS } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { queryPrepared } from '../db/prepared.ts';
import { forbidden, unauthenticated } from '../http/errors.ts';
import { permissions } from '../policy/permissions.ts';
import type { AuditBatcher } from './batcher.ts';
import type { AuditEntry } from './record.ts';

type Result<Row> = { actor: { id: string; role: Role; name: string; mfaAt: string | null } | null; permitted: boolean; rows: Row[] };

/**
 * The hot read path in one statement and one round trip: validate the session
 * (the same `liveSessionWhere` rule as findSession), check the role's
 * permission, select under the actor's scope and slide the idle timeout. The
 * audit entry then goes through the batcher and is committed before anything is
 * returned. Used by routes declared `sessionInStatement`; logout, disabling and
 * team changes take effect exactly as on the ordinary path: nothing is cached.
 */
export async function sessionBoundRead<Row>(db: Db, request: FastifyRequest, opts: {
  select: (actor: SqlActor) => SQL;
  /** The entry when rows came back; a function may take details (such as the access basis) from them. */
  entry: AuditEntry | ((rows: Row[]) => AuditEntry);
  whenEmpty: AuditEntry;
  /** Records the refusal (the actor is on the request by then). */
  onDenied: () => Promise<void>;
  audit: AuditBatcher;
}): Promise<{ actor: Actor; rows: Row[] }> {
  const deferred = request.deferredSession;
  if (!deferred) throw new Error('sessionBoundRead on a route without sessionInStatement');
  const permitted = permissions[deferred.permission] as readonly string[];
  const actorSql: SqlActor = { id: sql`(select id from allowed)`, role: sql`(select role from allowed)` };
  const { entry: hit, whenEmpty: miss } = opts;
  const [result] = await queryPrepared<Result<Row>>(db, sql`
    with sess as (
      select st.id, st.role, st.display_name as name, s.mfa_at as "mfaAt" from sessions s join staff st on st.id = s.staff_id
      where ${liveSessionWhere(deferred.idHash)} and s.stage = 'active'),
    touch as (update sessions set last_seen_at = now()
      where id_hash = ${deferred.idHash} and last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) and exists (select 1 from sess) returning 1),
    allowed as (select * from sess where role = any(${`{${permitted.join(',')}}`}::text[])),
    r as (${opts.select(actorSql)})
    select (select row_to_json(sess) from sess) as actor, exists (select 1 from allowed) as permitted,
      (select coalesce(json_agg(r), '[]'::json) from r) as rows`);
  if (!result?.actor) throw unauthenticated();
  const actor: Actor = { id: result.actor.id, role: result.actor.role, name: result.actor.name, sessionIdHash: deferred.idHash, mfaAt: result.actor.mfaAt ? new Date(result.actor.mfaAt) : null };
  request.actor = actor;
  if (!result.permitted) {
    await opts.onDenied();
    throw forbidden();
  }
  // Answered only after the entry is committed; if it cannot be written, the request fails.
  await opts.audit.record({ actor, requestId: request.id }, result.rows.length > 0 ? (typeof hit === 'function' ? hit(result.rows) : hit) : miss);
  // Only now may this request answer with anything but a refusal (see the onSend guard).
  deferred.verified = true;
  return { actor, rows: result.rows };
}
