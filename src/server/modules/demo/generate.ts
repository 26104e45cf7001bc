import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CaseState } from '../../../contracts/intake.ts';
import { referralRoutes } from '../../../contracts/programmes.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { eventPlace } from '../cases/case-command.ts';
import { casePlace, notePlace } from '../cases/presenter.ts';
import { DEMO_PROFILES } from './profiles.ts';
import { shippedInstrument } from '../risk/builtin.ts';
import { judgementPlace, ratingsPlace } from '../risk/presenter.ts';

/** Words for codenames; a number makes each unique. Obviously fictional. */
const WORDS = ['Kestrel', 'Juniper', 'Basalt', 'Marigold', 'Tundra', 'Osprey', 'Quartz', 'Willow', 'Cobalt', 'Heron', 'Saffron', 'Granite', 'Lynx', 'Poplar', 'Ember', 'Fjord', 'Alder', 'Birch', 'Cedar', 'Dune'];
const STATES: CaseState[] = ['active', 'active', 'active', 'intake', 'referral', 'suspended', 'closed', 'active'];
const LEVELS = ['low', 'moderate', 'high'] as const;
const NOTE_TEXTS = [
  'Met at the agreed place. Talked about work and sleep. (Generated fictional note.)',
  'Phone call: all right, next meeting on Thursday. (Generated fictional note.)',
  'Went to the job centre together; application handed in. (Generated fictional note.)',
  'Client reports a message from a former contact; advised not to answer. (Generated fictional note.)',
];

export type GenerateOptions = {
  db: Db;
  keyring: Keyring;
  cases: number;
  /** Staff to put on case teams; generated (unusable sign-in) if fewer than needed. */
  workers?: number;
  /** Put this person on the first `count` cases' teams as lead (for benchmarks). */
  assign?: { staffId: string; count: number };
  notesPerCase?: number;
  onProgress?: (done: number, total: number) => void;
  /** Refresh planner statistics afterwards (needs the schema owner; autovacuum would do it within a minute or so). */
  analyze?: (tables: string[]) => Promise<void>;
};

const BATCH = 2000;
/** One parameter holding a whole array (drizzle would otherwise spread it into a list). */
const arr = (values: unknown[]) => sql.param(values);

/**
 * Fills the database with fictional programmes, staff, cases, notes, timeline
 * events and audit history — fast: encrypted values are made in memory and
 * written with one multi-row INSERT per table and batch (unnest of arrays).
 */
export async function generateFictionalData(o: GenerateOptions): Promise<{ cases: number; notes: number; assessments: number; workers: number; ms: number }> {
  const started = Date.now();
  const { db, keyring } = o;
  const notesPerCase = o.notesPerCase ?? 2;
  const programmeIds = await ensureProgrammes(db);
  const workerIds = await ensureWorkers(db, o.workers ?? Math.max(20, Math.ceil(o.cases / 40)));
  const manager = (await db.execute<{ id: string }>(sql`select id from staff where role = 'manager' and disabled_at is null order by created_at limit 1`)).rows[0]?.id ?? workerIds[0]!;
  const runTag = randomBytes(2).toString('hex');
  const instrument = await screeningInstrument(db);
  let notes = 0;
  let assessments = 0;
  for (let from = 0; from < o.cases; from += BATCH) {
    const n = Math.min(BATCH, o.cases - from);
    const c = { id: [] as string[], codename: [] as string[], status: [] as string[], programme: [] as string[], accepted: [] as (number | null)[], route: [] as string[],
      referred: [] as string[], referrer: [] as Buffer[], info: [] as Buffer[], facts: [] as Buffer[], level: [] as (string | null)[], protection: [] as boolean[], created: [] as string[],
      closure: [] as (string | null)[] };
    const team = { caseId: [] as string[], staffId: [] as string[], role: [] as string[], identity: [] as boolean[] };
    const note = { id: [] as string[], caseId: [] as string[], author: [] as string[], text: [] as Buffer[], created: [] as string[] };
    const ev = { id: [] as string[], caseId: [] as string[], kind: [] as string[], data: [] as string[], text: [] as (Buffer | null)[] };
    const ra = { id: [] as string[], caseId: [] as string[], number: [] as number[], ratings: [] as Buffer[], judgement: [] as Buffer[], level: [] as string[], review: [] as string[],
      by: [] as string[], at: [] as string[] };
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const id = randomUUID();
      const status = STATES[i % STATES.length]!;
      const accepted = status === 'active' || status === 'suspended' || status === 'closed';
      // Spread over the last ~3 years so lists page through realistic dates.
      const created = new Date(Date.now() - ((o.cases - i) / o.cases) * 3 * 365 * 86_400_000);
      c.id.push(id);
      c.codename.push(`${WORDS[i % WORDS.length]} ${runTag}-${i}`);
      c.status.push(status);
      c.programme.push(programmeIds[i % programmeIds.length]!);
      c.accepted.push(accepted ? 1 : null);
      c.route.push(referralRoutes[i % referralRoutes.length]!);
      c.referred.push(created.toISOString().slice(0, 10));
      c.referrer.push(keyring.encrypt(casePlace(id, 'referrer_enc'), 'Fictional referrer, Example Agency'));
      c.info.push(keyring.encrypt(casePlace(id, 'first_information_enc'), 'Generated fictional referral.'));
      c.facts.push(keyring.encrypt(casePlace(id, 'eligibility_facts_enc'), JSON.stringify({ narrative: 'right_wing_extremist', age: 18 + (i % 30), organisationType: null, militant: null, position: 'member' })));
      c.level.push(accepted ? LEVELS[i % 3]! : null);
      c.protection.push(accepted && i % 7 === 0);
      c.created.push(created.toISOString());
      c.closure.push(status === 'closed' ? 'completed' : null);
      const assigned = o.assign && i < o.assign.count ? o.assign.staffId : null;
      const lead = assigned ?? workerIds[i % workerIds.length]!;
      team.caseId.push(id); team.staffId.push(lead); team.role.push('lead'); team.identity.push(true);
      if (i % 3 === 0) {
        const co = workerIds[(i + 7) % workerIds.length]!;
        if (co !== lead) { team.caseId.push(id); team.staffId.push(co); team.role.push('member'); team.identity.push(false); }
      }
      for (let j = 0; j < notesPerCase; j++) {
        const noteId = randomUUID();
        note.id.push(noteId); note.caseId.push(id); note.author.push(lead);
        note.text.push(keyring.encrypt(notePlace(noteId), NOTE_TEXTS[(i + j) % NOTE_TEXTS.length]!));
        note.created.push(new Date(created.getTime() + (j + 1) * 86_400_000).toISOString());
      }
      // Accepted cases have a signed screening (every fourth a re-assessment too), signed within the
      // last four months with a 90-day review: about a quarter of them are overdue, as in real life.
      if (accepted && instrument) {
        const count = i % 4 === 0 ? 2 : 1;
        for (let number = 1; number <= count; number++) {
          const aid = randomUUID();
          const signed = new Date(Date.now() - ((count - number) * 120 + (i % 120)) * 86_400_000);
          const level = number === count ? (i % 29 === 0 ? 'imminent' : c.level[k]!) : 'moderate';
          ra.id.push(aid); ra.caseId.push(id); ra.number.push(number); ra.level.push(level); ra.by.push(lead); ra.at.push(signed.toISOString());
          ra.review.push(new Date(signed.getTime() + instrument.reviewIntervalDays * 86_400_000).toISOString().slice(0, 10));
          ra.ratings.push(keyring.encrypt(ratingsPlace(aid), JSON.stringify(Object.fromEntries(instrument.items.map((code, j) =>
            [code, { scale: (i + j + number) % 7 === 0 ? instrument.insufficient : instrument.rated[(i + j) % instrument.rated.length]!, evidenceFor: 'Generated fictional evidence.', evidenceAgainst: '', source: 'Generated' }])))));
          ra.judgement.push(keyring.encrypt(judgementPlace(aid), JSON.stringify({ riskLevel: level, scenarios: 'Generated fictional scenario.', whatWouldChange: 'Generated fictional change.', nextReviewOn: null })));
        }
      }
      const evId = randomUUID();
      ev.id.push(evId); ev.caseId.push(id); ev.kind.push('referral.recorded'); ev.data.push(JSON.stringify({ route: c.route[k]!, programmeVersion: 1 })); ev.text.push(null);
      if (status !== 'referral') {
        const e2 = randomUUID();
        ev.id.push(e2); ev.caseId.push(id); ev.kind.push('state.changed'); ev.data.push(JSON.stringify({ from: 'referral', to: status })); ev.text.push(keyring.encrypt(eventPlace(e2), 'Generated fictional transition.'));
      }
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into cases (id, codename, status, programme_id, programme_version_at_referral, programme_version_accepted, referral_route, referred_on,
          referrer_enc, first_information_enc, eligibility_facts_enc, screening_level, protection_needed, created_at, updated_at, closure_reason, created_by)
        select id, codename, status, programme, 1, accepted, route, referred, referrer, info, facts, level, protection, created, created, closure, ${manager}::uuid
        from unnest(${arr(c.id)}::uuid[], ${arr(c.codename)}::text[], ${arr(c.status)}::text[], ${arr(c.programme)}::uuid[], ${arr(c.accepted)}::int[], ${arr(c.route)}::text[], ${arr(c.referred)}::date[],
          ${arr(c.referrer)}::bytea[], ${arr(c.info)}::bytea[], ${arr(c.facts)}::bytea[], ${arr(c.level)}::text[], ${arr(c.protection)}::bool[], ${arr(c.created)}::timestamptz[], ${arr(c.closure)}::text[])
          as t(id, codename, status, programme, accepted, route, referred, referrer, info, facts, level, protection, created, closure)`);
      await tx.execute(sql`insert into case_team (case_id, staff_id, role, identity_access)
        select * from unnest(${arr(team.caseId)}::uuid[], ${arr(team.staffId)}::uuid[], ${arr(team.role)}::text[], ${arr(team.identity)}::bool[])`);
      await tx.execute(sql`insert into case_notes (id, root_id, case_id, author_id, text_enc, created_at)
        select id, id, case_id, author, text, created from unnest(${arr(note.id)}::uuid[], ${arr(note.caseId)}::uuid[], ${arr(note.author)}::uuid[], ${arr(note.text)}::bytea[], ${arr(note.created)}::timestamptz[]) as t(id, case_id, author, text, created)`);
      await tx.execute(sql`insert into case_events (id, case_id, actor_id, kind, data, text_enc)
        select id, case_id, ${manager}::uuid, kind, data, text from unnest(${arr(ev.id)}::uuid[], ${arr(ev.caseId)}::uuid[], ${arr(ev.kind)}::text[], ${arr(ev.data)}::jsonb[], ${arr(ev.text)}::bytea[]) as t(id, case_id, kind, data, text)`);
      if (instrument && ra.id.length > 0) {
        await tx.execute(sql`insert into risk_assessments (id, case_id, instrument_id, number, status, ratings_enc, judgement_enc, risk_level, next_review_on,
            created_by, created_at, updated_by, updated_at, signed_by, signed_at)
          select id, case_id, ${instrument.id}::uuid, number, 'signed', ratings, judgement, level, review, by, at, by, at, by, at
          from unnest(${arr(ra.id)}::uuid[], ${arr(ra.caseId)}::uuid[], ${arr(ra.number)}::int[], ${arr(ra.ratings)}::bytea[], ${arr(ra.judgement)}::bytea[], ${arr(ra.level)}::text[],
            ${arr(ra.review)}::date[], ${arr(ra.by)}::uuid[], ${arr(ra.at)}::timestamptz[]) as t(id, case_id, number, ratings, judgement, level, review, by, at)`);
      }
      await tx.execute(sql`insert into audit_events (actor_id, actor_role, action, object_type, object_id, case_id, outcome, request_id, reason, basis)
        select ${manager}::uuid, 'manager', 'case.create', 'case', id::text, id, 'success', 'generator', 'generated fictional data', 'manager' from unnest(${arr(c.id)}::uuid[]) as t(id)
        union all
        select by, 'exit_worker', 'risk.assessment.sign', 'risk_assessment', id::text, case_id, 'success', 'generator', 'generated fictional data', 'team'
        from unnest(${arr(ra.id)}::uuid[], ${arr(ra.caseId)}::uuid[], ${arr(ra.by)}::uuid[]) as t(id, case_id, by)`);
    });
    notes += note.id.length;
    assessments += ra.id.length;
    o.onProgress?.(from + n, o.cases);
  }
  await o.analyze?.(['cases', 'case_team', 'case_notes', 'case_events', 'staff', 'risk_assessments']);
  return { cases: o.cases, notes, assessments, workers: workerIds.length, ms: Date.now() - started };
}

/** The shipped screening instrument as installed by the migrations (null in a database without it). */
async function screeningInstrument(db: Db): Promise<{ id: string; items: string[]; rated: string[]; insufficient: string; reviewIntervalDays: number } | null> {
  const def = shippedInstrument();
  const id = (await db.execute<{ id: string }>(sql`select id from risk_instruments where key = ${def.key} and version = ${def.version}`)).rows[0]?.id;
  const insufficient = def.scale.find((o) => o.insufficientInformation === true)?.code;
  if (!id || !insufficient) return null;
  return { id, items: def.domains.flatMap((d) => d.items.map((it) => it.code)), rated: def.scale.filter((o) => o.code !== insufficient).map((o) => o.code), insufficient, reviewIntervalDays: def.reviewIntervalDays };
}

async function ensureProgrammes(db: Db): Promise<string[]> {
  const existing = (await db.execute<{ id: string }>(sql`select id from programmes order by created_at`)).rows.map((r) => r.id);
  if (existing.length > 0) return existing;
  const ids = [randomUUID(), randomUUID()];
  for (const [i, id] of ids.entries()) {
    const name = i === 0 ? 'Community exit programme (generated)' : 'Prison exit programme (generated)';
    await db.execute(sql`insert into programmes (id, name, current_version) values (${id}, ${name}, 1)`);
    await db.execute(sql`insert into programme_versions (programme_id, version, name, profile) values (${id}, 1, ${name}, ${JSON.stringify(DEMO_PROFILES[i])}::jsonb)`);
  }
  return ids;
}

/** Case workers for the teams; generated ones cannot sign in (their password is random and never shown). */
async function ensureWorkers(db: Db, wanted: number): Promise<string[]> {
  // Only generated workers: real accounts (and a benchmark's own worker) keep exactly the cases given to them.
  const existing = (await db.execute<{ id: string }>(sql`select id from staff where role = 'exit_worker' and email like 'generated-%@example.invalid' and disabled_at is null`)).rows.map((r) => r.id);
  if (existing.length >= wanted) return existing;
  const hash = await hashPassword(randomBytes(24).toString('base64url'));
  const ids: string[] = [];
  const tag = randomBytes(3).toString('hex');
  for (let i = existing.length; i < wanted; i++) ids.push(randomUUID());
  const emails = ids.map((_, k) => `generated-${tag}-${k}@example.invalid`);
  const names = ids.map((_, k) => `Generated Worker ${tag}-${k}`);
  await db.execute(sql`insert into staff (id, email, display_name, role, password_hash)
    select id, email, name, 'exit_worker', ${hash} from unnest(${arr(ids)}::uuid[], ${arr(emails)}::text[], ${arr(names)}::text[]) as t(id, email, name)`);
  return [...existing, ...ids];
}
