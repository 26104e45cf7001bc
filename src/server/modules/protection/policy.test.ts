import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/staff.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { makeProgramme, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';
import type { CaseFacts } from '../cases/policy.ts';
import { breakGlassGrants, cases, caseTeam } from '../cases/tables.ts';
import { protectionPolicy, protectionReadSql, type ProtectionPart } from './policy.ts';

const parts: ProtectionPart[] = ['threats', 'shield', 'emergency', 'logbook', 'sealed'];

let env: TestEnv;
let programmeId: string;
let p: Record<'manager' | 'lead' | 'member' | 'officerOn' | 'officerOff' | 'glassWorker' | 'glassOfficer' | 'expiredGlass' | 'outsider' | 'finance', TestStaff>;
/** Case "a" has a full team and emergency readers; "b" has nobody; "c" has only the other security officer. */
const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID() };
let facts: Record<keyof typeof ids, CaseFacts>;

beforeAll(async () => {
  env = await createTestEnv();
  const make = (role: Role) => makeStaff(env, { role });
  const [manager, lead, member, officerOn, officerOff, glassWorker, glassOfficer, expiredGlass, outsider, finance] = await Promise.all([
    make('manager'), make('exit_worker'), make('exit_worker'), make('security_officer'), make('security_officer'),
    make('exit_worker'), make('security_officer'), make('exit_worker'), make('exit_worker'), make('finance'),
  ]);
  p = { manager: manager!, lead: lead!, member: member!, officerOn: officerOn!, officerOff: officerOff!, glassWorker: glassWorker!, glassOfficer: glassOfficer!, expiredGlass: expiredGlass!, outsider: outsider!, finance: finance! };
  programmeId = await makeProgramme(env, await sessionFor(env, p.manager));
  const teams: Record<keyof typeof ids, CaseFacts['team']> = {
    a: [{ staffId: p.lead.id, role: 'lead', identityAccess: true }, { staffId: p.member.id, role: 'member', identityAccess: false }, { staffId: p.officerOn.id, role: 'member', identityAccess: false }],
    b: [],
    c: [{ staffId: p.officerOff.id, role: 'lead', identityAccess: false }],
  };
  await env.ctx.db.transaction(async (tx) => {
    for (const [key, id] of Object.entries(ids) as [keyof typeof ids, string][]) {
      await tx.insert(cases).values({ id, codename: `pp-${id}`, createdBy: p.manager.id, programmeId, programmeVersionAtReferral: 1, referralRoute: 'self', referredOn: '2026-01-01' });
      if (teams[key].length) await tx.insert(caseTeam).values(teams[key].map((m) => ({ caseId: id, ...m })));
    }
    for (const [who, live] of [[p.glassWorker, true], [p.glassOfficer, true], [p.expiredGlass, false]] as const) {
      await tx.insert(breakGlassGrants).values({ id: randomUUID(), caseId: ids.a, staffId: who.id, reasonEnc: Buffer.from('x'),
        expiresAt: live ? sql`now() + interval '1 hour'` : sql`now() - interval '1 minute'` });
    }
  });
  facts = {
    a: { team: teams.a, breakGlassStaffIds: [p.glassWorker.id, p.glassOfficer.id] },
    b: { team: teams.b, breakGlassStaffIds: [] },
    c: { team: teams.c, breakGlassStaffIds: [] },
  };
});
afterAll(() => env.close());

async function readableInSql(person: TestStaff, part: ProtectionPart): Promise<string[]> {
  const rows = await env.ctx.db.execute<{ id: string }>(sql`select c.id from cases c
    where c.id = any(${`{${Object.values(ids).join(',')}}`}::uuid[]) and ${protectionReadSql({ id: person.id, role: person.role }, part, 'c.id')}`);
  return rows.rows.map((r) => r.id).sort();
}

describe('protection: the rule and its SQL reading agree', () => {
  it('for every part, every kind of reader and every case of the matrix', async () => {
    for (const person of Object.values(p)) {
      for (const part of parts) {
        const viaPolicy = (Object.keys(ids) as (keyof typeof ids)[]).filter((k) => protectionPolicy.mayRead(person, facts[k], part)).map((k) => ids[k]).sort();
        expect({ who: person.name, part, ids: await readableInSql(person, part) }).toEqual({ who: person.name, part, ids: viaPolicy });
      }
    }
  });

  it('says what the sentences say, on the case with a full team and emergency readers', () => {
    const readers = (part: ProtectionPart) => (Object.keys(p) as (keyof typeof p)[]).filter((k) => protectionPolicy.mayRead(p[k], facts.a, part)).sort();
    expect(readers('threats')).toEqual(['lead', 'manager', 'member', 'officerOn']);
    expect(readers('shield')).toEqual(readers('threats'));
    expect(readers('logbook')).toEqual(readers('threats'));
    expect(readers('emergency')).toEqual(['glassOfficer', 'glassWorker', 'lead', 'manager', 'member', 'officerOn']);
    expect(readers('sealed')).toEqual(['manager', 'officerOn']);
    // Emergency readers never change anything; nobody changes a closed case.
    expect(parts.some((part) => protectionPolicy.mayWrite(p.glassWorker, facts.a, part, 'active'))).toBe(false);
    expect(parts.some((part) => protectionPolicy.mayWrite(p.manager, facts.a, part, 'closed'))).toBe(false);
    expect(protectionPolicy.mayWrite(p.member, facts.a, 'threats', 'active')).toBe(true);
    expect(protectionPolicy.mayWrite(p.member, facts.a, 'sealed', 'active')).toBe(false);
  });
});
