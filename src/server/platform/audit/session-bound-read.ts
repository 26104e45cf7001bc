import { sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../contracts/staff.ts';
import type { Actor, SqlActor } from '../auth/actor.ts';
import { liveSessionWhere, TOUCH_AFTER_SECONDS } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { queryPrepared } from '../db/prepared.ts';
import { forbidden, unauthenticated } from '../http/errors.ts';
import { permissions, type Permission } from '../policy/permissions.ts';

type Pending = { idHash: Buffer; objectId: string; requestId: string; resolve: (r: Answer) => void; reject: (e: unknown) => void };
type Answer = { actor: { id: string; role: Role; name: string; mfaAt: string | null } | null; permitted: boolean; row: unknown };

export type SessionBoundReader<Row> = (request: FastifyRequest, objectId: string) => Promise<{ actor: Actor; row: Row | null }>;

/**
 * The hot read path of one case (the case page, its notes): validating the session
 * (the same `liveSessionWhere` rule as findSession), checking the role's
 * permission, selecting under the actor's scope, sliding the idle timeout and
 * writing the audit entry all happen in one statement — so the entry commits
 * with the read or neither happens, and nothing is returned before it is durable.
 *
 * Concurrent requests are answered by one statement together: each request is a
 * row of the batch (its own session, object and request id), and every part of
 * the statement is joined on that row, so a request only ever sees what its own
 * session may. One round trip and one commit serve the batch; a request alone
 * is sent at once. Nothing is cached: logout, disabling and team changes take
 * effect on the next statement.
 *
 * `select` is the scoped select of one case for an actor and case id given as SQL
 * expressions; it must return at most one row with a `basis` column.
 */
export function createSessionBoundReader<Row extends { basis: string }>(db: Db, opts: {
  permission: Permission;
  select: (actor: SqlActor, objectId: SQL) => SQL;
  action: string;
  /** Records the refusal of a signed-in person whose role lacks the permission. */
  onDenied: (request: FastifyRequest) => Promise<void>;
  maxBatch?: number;
  /** Statements in flight at once; further requests wait and go in the next batch. */
  maxInFlight?: number;
}): SessionBoundReader<Row> {
  const maxBatch = opts.maxBatch ?? 64;
  const maxInFlight = opts.maxInFlight ?? 1;
  const roles = `{${(permissions[opts.permission] as readonly string[]).join(',')}}`;
  let queue: Pending[] = [];
  let inFlight = 0;

  const statement = (batch: Pending[]) => sql`
    with q as (select * from unnest(${sql.param(batch.map((p) => p.idHash))}::bytea[], ${sql.param(batch.map((p) => p.objectId))}::uuid[],
        ${sql.param(batch.map((p) => p.requestId))}::text[]) with ordinality as q(id_hash, object_id, request_id, i)),
    sess as (select q.i, q.id_hash, q.object_id, q.request_id, st.id, st.role, st.display_name as name, s.mfa_at as "mfaAt"
      from q join sessions s on s.id_hash = q.id_hash join staff st on st.id = s.staff_id
      where ${liveSessionWhere(sql`q.id_hash`)} and s.stage = 'active'),
    -- SKIP LOCKED: two batches touching the same sessions in different orders must not deadlock;
    -- a session another batch is touching right now is being touched anyway.
    due as (select d.id_hash from sessions d where d.id_hash in (select id_hash from sess)
      and d.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) order by d.id_hash for update skip locked),
    touch as (update sessions set last_seen_at = now() where id_hash in (select id_hash from due) returning 1),
    allowed as (select * from sess where role = any(${roles}::text[])),
    r as (select a.i, x.basis, to_json(x) as row from allowed a
      cross join lateral (${opts.select({ id: sql`a.id`, role: sql`a.role` }, sql`a.object_id`)}) x),
    entry as (insert into audit_events (actor_id, actor_role, action, object_type, object_id, case_id, outcome, request_id, reason, basis)
      select a.id, a.role, ${opts.action}, 'case', a.object_id::text, a.object_id,
        case when r.i is null then 'denied' else 'success' end, a.request_id, case when r.i is null then 'not visible' end, r.basis
      from allowed a left join r on r.i = a.i
      returning 1)
    select q.i, (select json_build_object('id', s.id, 'role', s.role, 'name', s.name, 'mfaAt', s."mfaAt") from sess s where s.i = q.i) as actor,
      exists (select 1 from allowed a where a.i = q.i) as permitted, (select r.row from r where r.i = q.i) as row
    from q order by q.i`;

  const run = async (batch: Pending[]) => {
    try {
      const rows = await queryPrepared<Answer>(db, statement(batch));
      for (const [k, p] of batch.entries()) p.resolve(rows[k]!);
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  };

  const pump = () => {
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return async (request, objectId) => {
    const deferred = request.deferredSession;
    if (!deferred || deferred.permission !== opts.permission) throw new Error('session-bound read on a route not declared sessionInStatement with this permission');
    const answer = await new Promise<Answer>((resolve, reject) => {
      queue.push({ idHash: deferred.idHash, objectId, requestId: request.id, resolve, reject });
      pump();
    });
    if (!answer.actor) throw unauthenticated();
    const actor: Actor = { id: answer.actor.id, role: answer.actor.role, name: answer.actor.name, sessionIdHash: deferred.idHash, mfaAt: answer.actor.mfaAt ? new Date(answer.actor.mfaAt) : null };
    request.actor = actor;
    if (!answer.permitted) {
      await opts.onDenied(request);
      throw forbidden();
    }
    // The entry committed with the statement; only now may this request answer with anything but a refusal (see the onSend guard).
    deferred.verified = true;
    return { actor, row: (answer.row as Row | null) ?? null };
  };
}
