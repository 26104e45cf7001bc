import { sql } from 'drizzle-orm';
import { CHECKUP_DUE_DAYS, EXPIRY_WARNING_DAYS, type CareDue, type CareRecord } from '../../../contracts/care.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { carePolicy } from './policy.ts';

export const sessionPlace = (id: string, column: 'with_whom_enc' | 'note_enc') => ({ table: 'care_sessions', column, rowId: id });

const checkupStatus = sql`case when c.done_on is not null then 'done' when c.due_on < current_date then 'overdue' else 'due' end`;
const qualificationStatus = sql`case when q.expires_on is null or q.expires_on > current_date + ${EXPIRY_WARNING_DAYS}::int then 'valid' when q.expires_on < current_date then 'expired' else 'expiring' end`;

/** The person's care record as the actor may see it (the caller has checked `mayRead`). */
export async function careRecordFor(db: Db | Tx, keyring: Keyring, actor: Actor, staffId: string): Promise<CareRecord> {
  const checkups = (await db.execute<{ id: string; dueOn: string; doneOn: string | null; status: 'done' | 'due' | 'overdue' }>(sql`
    select c.id, c.due_on::text as "dueOn", c.done_on::text as "doneOn", ${checkupStatus} as status
    from care_checkups c where c.staff_id = ${staffId} order by c.due_on desc limit 50`)).rows;
  const ownNotes = carePolicy.mayReadSessionNote(actor, staffId);
  const sessions = (await db.execute<{ id: string; heldOn: string; kind: 'supervision' | 'coaching' | 'safe_space'; withWhomEnc: Buffer; noteEnc: Buffer | null }>(sql`
    select s.id, s.held_on::text as "heldOn", s.kind, s.with_whom_enc as "withWhomEnc", ${ownNotes ? sql`s.note_enc` : sql`null`} as "noteEnc"
    from care_sessions s where s.staff_id = ${staffId} order by s.held_on desc limit 100`)).rows;
  const qualifications = (await db.execute<CareRecord['qualifications'][number]>(sql`
    select q.id, q.kind, q.name, q.issuer, q.obtained_on::text as "obtainedOn", q.expires_on::text as "expiresOn", ${qualificationStatus} as status
    from staff_qualifications q where q.staff_id = ${staffId} order by q.obtained_on desc limit 100`)).rows;
  return {
    staffId,
    checkups,
    sessions: await Promise.all(sessions.map(async (s) => ({
      id: s.id, heldOn: s.heldOn, kind: s.kind,
      withWhom: await keyring.decrypt(sessionPlace(s.id, 'with_whom_enc'), s.withWhomEnc),
      note: ownNotes ? (s.noteEnc ? await keyring.decrypt(sessionPlace(s.id, 'note_enc'), s.noteEnc) : '') : null,
    }))),
    qualifications,
  };
}

/** Managers' list of what needs doing: check-ups due or overdue, certifications expiring or expired. */
export async function careDue(db: Db | Tx): Promise<CareDue> {
  const checkups = (await db.execute<CareDue['checkups'][number]>(sql`
    select c.id, c.staff_id as "staffId", s.display_name as "staffName", c.due_on::text as "dueOn", ${checkupStatus} as status
    from care_checkups c join staff s on s.id = c.staff_id
    where c.done_on is null and s.disabled_at is null and c.due_on <= current_date + ${CHECKUP_DUE_DAYS}::int order by c.due_on limit 200`)).rows;
  const qualifications = (await db.execute<CareDue['qualifications'][number]>(sql`
    select q.id, q.staff_id as "staffId", s.display_name as "staffName", q.name, q.expires_on::text as "expiresOn", ${qualificationStatus} as status
    from staff_qualifications q join staff s on s.id = q.staff_id
    where s.disabled_at is null and q.expires_on is not null and q.expires_on <= current_date + ${EXPIRY_WARNING_DAYS}::int
      and not exists (select 1 from staff_qualifications newer where newer.staff_id = q.staff_id and newer.name = q.name and newer.obtained_on > q.obtained_on)
    order by q.expires_on limit 200`)).rows;
  return { checkups: checkups as CareDue['checkups'], qualifications: qualifications as CareDue['qualifications'] };
}
