import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/staff.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { organisation, staff } from '../../platform/auth/tables.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { AppContext } from '../../platform/context.ts';
import { notePlace } from '../cases/presenter.ts';
import { caseNotes, cases, caseTeam } from '../cases/tables.ts';
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
    for (let c = 0; c < opts.cases; c++) {
      const caseId = randomUUID();
      const codename = CODENAMES[c % CODENAMES.length]! + (c >= CODENAMES.length ? ` ${Math.floor(c / CODENAMES.length) + 1}` : '');
      await tx.insert(cases).values({ id: caseId, codename, createdBy: manager.id });
      const lead = workers[c % workers.length]!;
      const co = workers[(c + 1) % workers.length]!;
      await tx.insert(caseTeam).values([{ caseId, staffId: lead.id, role: 'lead' }, ...(c % 3 === 0 ? [{ caseId, staffId: co.id, role: 'member' }] : [])]);
      for (let n = 0; n < 2 + (c % 3); n++) {
        const noteId = randomUUID();
        await tx.insert(caseNotes).values({ id: noteId, caseId, authorId: lead.id, textEnc: keyring.encrypt(notePlace(noteId), NOTES[(c + n) % NOTES.length]!) });
      }
      await recordAudit(tx, audit, { action: 'case.create', outcome: 'success', objectType: 'case', objectId: caseId, caseId, reason: 'demo data' });
    }
    return logins;
  });
}

export function printDemoLogins(logins: DemoLogin[], url: string): void {
  const lines = logins.map((l) => `    ${ROLE_LABELS[l.role].padEnd(17)} ${l.name.padEnd(16)} ${l.email.padEnd(42)} ${l.password}`);
  process.stdout.write(`\n  Demo programme loaded (fictional data). Sign in at ${url} with any of these; each sets up\n  two-factor sign-in with an authenticator app at first sign-in:\n\n${lines.join('\n')}\n\n`);
}
