import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/staff.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { organisation, staff } from '../../platform/auth/tables.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { notePlace } from '../cases/presenter.ts';
import { caseDiscussions, caseEvents, caseNotes, cases, caseScreenings, caseTeam } from '../cases/tables.ts';
import { discussionPlace } from '../cases/commands/record-discussion.ts';
import { screeningPlace } from '../cases/commands/record-screening.ts';
import { programmes, programmeVersions } from '../programmes/tables.ts';
import type { ReferralRoute } from '../../../contracts/programmes.ts';
import { DEMO_PROFILES } from './profiles.ts';
import type { CaseState } from '../../../contracts/intake.ts';
import { protectedPlace } from '../staff/presenter.ts';

/** Obviously fictional people (the surnames say so): nobody should mistake demo data for a real programme. */
const PEOPLE: { name: string; role: Role }[] = [
  { name: 'Ada Example', role: 'manager' },
  { name: 'Ben Sample', role: 'manager' },
  { name: 'Cleo Fictive', role: 'exit_worker' },
  { name: 'Dan Madeup', role: 'exit_worker' },
  { name: 'Eli Pretend', role: 'exit_worker' },
  { name: 'Fay Placeholder', role: 'security_officer' },
  { name: 'Gil Mock', role: 'spokesperson' },
  { name: 'Hana Dummy', role: 'finance' },
  { name: 'Ivo Testperson', role: 'administrator' },
];

const ROLE_LABELS: Record<Role, string> = {
  manager: 'manager', exit_worker: 'exit worker', security_officer: 'security officer',
  spokesperson: 'spokesperson', finance: 'finance', administrator: 'administrator',
};

const CODENAMES = ['Kestrel', 'Juniper', 'Basalt', 'Marigold', 'Tundra', 'Osprey', 'Quartz', 'Willow', 'Cobalt', 'Heron', 'Saffron', 'Granite', 'Lynx', 'Poplar', 'Ember', 'Fjord'];
const NOTES = [
  'First meeting at the agreed safe place. Client on time, tense at first, more open after twenty minutes. Talked about work and sleep.',
  'Client reports two messages from a former contact asking where they are. Advised not to reply; security officer informed.',
  'Visited the job centre together. Application for a carpentry course handed in.',
  'Case discussion: keep weekly contact, review the risk screening next month.',
  'Client cancelled at short notice; reached by phone, all right, rescheduled for Thursday.',
  'Talked about family: sister willing to help with housing for a few weeks.',
];

const STATES: CaseState[] = ['active', 'active', 'intake', 'referral', 'active', 'suspended', 'active', 'closed'];
const ROUTES: ReferralRoute[] = ['self', 'family_friends', 'probation', 'prison', 'social_work', 'police'];

export type DemoLogin = { email: string; name: string; role: Role; password: string };

/** Loads a small, living, fictional programme into an empty installation. Returns null when data exists. */
export async function loadDemo(opts: { ctx: AppContext; cases: number }): Promise<DemoLogin[] | null> {
  const { db, keyring } = opts.ctx;
  const logins: DemoLogin[] = [];
  const rows = [] as { id: string; email: string; displayName: string; role: Role; passwordHash: string; homeAddressEnc: Buffer | null }[];
  for (const [i, p] of PEOPLE.entries()) {
    const password = `demo-${randomBytes(6).toString('base64url')}-${i}`;
    const email = `${p.name.split(' ').join('.').toLowerCase()}@demo.exitdesk.invalid`;
    const id = randomUUID();
    logins.push({ email, name: p.name, role: p.role, password });
    rows.push({ id, email, displayName: p.name, role: p.role, passwordHash: await hashPassword(password), homeAddressEnc: keyring.encrypt(protectedPlace(id, 'homeAddress'), `${i + 1} Example Street, Nowhere`) });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7303118004)`);
    const existing = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from staff`)).rows[0]?.n ?? 0;
    if (existing > 0) return null;
    await tx.insert(organisation).values({ id: 1, name: 'Demo Exit Programme (fictional)' });
    await tx.insert(staff).values(rows);
    const workers = rows.filter((r) => r.role === 'exit_worker' || r.role === 'security_officer');
    const manager = rows[0]!;
    const audit = { actor: { id: manager.id, role: 'manager' }, requestId: 'demo-loader' };
    const programmeIds = [randomUUID(), randomUUID()];
    for (const [i, id] of programmeIds.entries()) {
      const name = i === 0 ? 'Community exit programme' : 'Prison exit programme';
      await tx.insert(programmes).values({ id, name, currentVersion: 1 });
      await tx.insert(programmeVersions).values({ programmeId: id, version: 1, name, profile: DEMO_PROFILES[i]!, createdBy: manager.id });
    }
    for (let c = 0; c < opts.cases; c++) {
      const caseId = randomUUID();
      const codename = CODENAMES[c % CODENAMES.length]! + (c >= CODENAMES.length ? ` ${Math.floor(c / CODENAMES.length) + 1}` : '');
      const status = STATES[c % STATES.length]!;
      const accepted = status === 'active' || status === 'suspended' || status === 'closed';
      const place = (column: string) => ({ table: 'cases', column, rowId: caseId });
      await tx.insert(cases).values({
        id: caseId, codename, createdBy: manager.id, status, programmeId: programmeIds[c % 2]!, programmeVersionAtReferral: 1,
        programmeVersionAccepted: accepted ? 1 : null, referralRoute: ROUTES[c % ROUTES.length]!, referredOn: new Date(Date.now() - (c + 3) * 86_400_000 * 7).toISOString().slice(0, 10),
        referrerEnc: keyring.encrypt(place('referrer_enc'), 'Fictional referrer, Example Agency'),
        firstInformationEnc: keyring.encrypt(place('first_information_enc'), 'Wants to leave; worried about former contacts. (Demo data.)'),
        eligibilityFactsEnc: keyring.encrypt(place('eligibility_facts_enc'), JSON.stringify({ narrative: 'right_wing_extremist', age: 20 + (c % 15), organisationType: 'Street group', militant: c % 4 === 0, position: 'member' })),
        screeningLevel: accepted ? (['low', 'moderate', 'high'] as const)[c % 3]! : null, protectionNeeded: accepted && c % 3 === 2,
        closureReason: status === 'closed' ? 'completed' : null, closureTextEnc: status === 'closed' ? keyring.encrypt(place('closure_text_enc'), 'Goals reached. (Demo data.)') : null,
      });
      const lead = workers[c % workers.length]!;
      const co = workers[(c + 1) % workers.length]!;
      await tx.insert(caseTeam).values([{ caseId, staffId: lead.id, role: 'lead', identityAccess: true }, ...(c % 3 === 0 ? [{ caseId, staffId: co.id, role: 'member' }] : [])]);
      if (accepted) {
        const d = randomUUID();
        await tx.insert(caseDiscussions).values({ id: d, caseId, heldOn: new Date().toISOString().slice(0, 10), decision: 'accept', recordedBy: manager.id,
          participantsEnc: keyring.encrypt(discussionPlace(d, 'participants_enc'), `${manager.displayName}, ${lead.displayName}`),
          reasonsEnc: keyring.encrypt(discussionPlace(d, 'reasons_enc'), 'Motivated to leave; inside the target group. (Demo data.)') });
        const sId = randomUUID();
        await tx.insert(caseScreenings).values({ id: sId, caseId, riskToStaff: 'low', threatFromGroup: (['low', 'moderate', 'high'] as const)[c % 3]!, immediateProtectionNeeded: c % 3 === 2,
          notesEnc: keyring.encrypt(screeningPlace(sId), 'Initial screening. (Demo data.)'), recordedBy: lead.id });
      }
      await tx.insert(caseEvents).values({ id: randomUUID(), caseId, actorId: manager.id, kind: 'referral.recorded', data: { route: ROUTES[c % ROUTES.length]!, programmeVersion: 1 } });
      if (status !== 'referral') await tx.insert(caseEvents).values({ id: randomUUID(), caseId, actorId: manager.id, kind: 'state.changed', data: { from: 'referral', to: status === 'intake' ? 'intake' : 'active' } });
      for (let n = 0; n < 2 + (c % 3); n++) {
        const noteId = randomUUID();
        await tx.insert(caseNotes).values({ id: noteId, rootId: noteId, caseId, authorId: lead.id, textEnc: keyring.encrypt(notePlace(noteId), NOTES[(c + n) % NOTES.length]!) });
      }
      await recordAudit(tx, audit, { action: 'case.create', outcome: 'success', objectType: 'case', objectId: caseId, caseId, reason: 'demo data', basis: 'manager' });
    }
    return logins;
  });
}

export function printDemoLogins(logins: DemoLogin[], url: string): void {
  const lines = logins.map((l) => `    ${ROLE_LABELS[l.role].padEnd(17)} ${l.name.padEnd(16)} ${l.email.padEnd(42)} ${l.password}`);
  process.stdout.write(`\n  Demo programme loaded (fictional data). Sign in at ${url} with any of these; each sets up\n  two-factor sign-in with an authenticator app at first sign-in:\n\n${lines.join('\n')}\n\n`);
}
