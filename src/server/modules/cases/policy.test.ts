import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteLevels, type NoteLevel } from '../../../contracts/cases.ts';
import { roles, type Role } from '../../../contracts/staff.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { makeProgramme, makeStaff, sessionFor } from '../../testing/factories.ts';
import { accessBasis, accessBasisSql, caseActions, caseScopeAllows, caseScopeFor, caseScopeSql, caseScopeSqlForSqlActor, noteVisibleSql, type CaseFacts } from './policy.ts';
import { breakGlassGrants, caseNotes, cases, caseTeam } from './tables.ts';

let env: TestEnv;
let programmeId: string;
beforeAll(async () => {
  env = await createTestEnv();
  const m = await makeStaff(env, { role: 'manager' });
  programmeId = await makeProgramme(env, await sessionFor(env, m));
});
afterAll(() => env.close());

type Member = { staffId: string; role: 'lead' | 'member'; identityAccess: boolean };
type Generated = { team: Member[]; grants: { staffId: string; live: boolean }[] };

/**
 * The list filter (SQL), the in-statement filter and the single-record check are
 * readings of one rule; so are the access basis and note visibility in SQL and
 * in JS. For random teams, emergency grants (live and expired) and every role
 * they must agree.
 */
describe('case visibility: one rule, several readings', () => {
  it('agree for every role, random teams and random break-glass grants', async () => {
    const people = await Promise.all(roles.map((role) => makeStaff(env, { role })));
    const extra = await Promise.all([makeStaff(env, { role: 'exit_worker' }), makeStaff(env, { role: 'security_officer' })]);
    const everyone = [...people, ...extra];
    const workers = everyone.filter((p) => ['manager', 'exit_worker', 'security_officer'].includes(p.role)).map((p) => p.id);
    const member = fc.record({ staffId: fc.constantFrom(...workers), role: fc.constantFrom('lead' as const, 'member' as const), identityAccess: fc.boolean() });
    const caseGen: fc.Arbitrary<Generated> = fc.record({
      team: fc.uniqueArray(member, { selector: (m) => m.staffId, maxLength: 4 }).map((t) => t.map((m, i) => ({ ...m, role: i === 0 ? m.role : 'member' as const }))),
      grants: fc.array(fc.record({ staffId: fc.constantFrom(...workers), live: fc.boolean() }), { maxLength: 2 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(caseGen, { minLength: 1, maxLength: 6 }), async (generated) => {
      const ids: string[] = [];
      await env.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`delete from break_glass_grants`);
        await tx.execute(sql`delete from case_notes`);
        await tx.execute(sql`delete from case_team`);
        await tx.execute(sql`delete from cases where codename like 'p-%'`);
        for (const g of generated) {
          const id = randomUUID();
          ids.push(id);
          await tx.insert(cases).values({ id, codename: `p-${id}`, createdBy: people[0]!.id, programmeId, programmeVersionAtReferral: 1, referralRoute: 'self', referredOn: '2026-01-01' });
          if (g.team.length) await tx.insert(caseTeam).values(g.team.map((m) => ({ caseId: id, ...m })));
          for (const grant of g.grants) {
            await tx.insert(breakGlassGrants).values({ id: randomUUID(), caseId: id, staffId: grant.staffId, reasonEnc: Buffer.from('x'),
              expiresAt: grant.live ? sql`now() + interval '1 hour'` : sql`now() - interval '1 minute'` });
          }
          for (const level of noteLevels) {
            const noteId = randomUUID();
            await tx.insert(caseNotes).values({ id: noteId, rootId: noteId, caseId: id, level, authorId: people[0]!.id, textEnc: Buffer.from('x') });
          }
        }
      });
      const facts: CaseFacts[] = generated.map((g) => ({ team: g.team, breakGlassStaffIds: g.grants.filter((x) => x.live).map((x) => x.staffId) }));
      for (const person of everyone) {
        const actor = { id: person.id, role: person.role as Role, name: '', sessionIdHash: Buffer.alloc(0), mfaAt: null } satisfies Actor;
        const scope = caseScopeFor(actor);
        const viaCheck = ids.filter((_, i) => caseScopeAllows(scope, facts[i]!)).sort();
        const viaSql = (await env.ctx.db.execute<{ id: string }>(sql`select cases.id from cases where ${caseScopeSql(scope)}`)).rows.map((r) => r.id).sort();
        expect(viaSql).toEqual(viaCheck);
        const sqlActor = { id: sql`${person.id}::uuid`, role: sql`${person.role}::text` };
        const viaStatement = (await env.ctx.db.execute<{ id: string }>(sql`select cases.id from cases where ${caseScopeSqlForSqlActor(sqlActor, 'cases.id')}`)).rows.map((r) => r.id).sort();
        expect(viaStatement).toEqual(viaCheck);

        const rows = (await env.ctx.db.execute<{ id: string; basis: string | null; levels: NoteLevel[] }>(sql`select c.id, ${accessBasisSql(actor, 'c.id')} as basis,
            coalesce((select json_agg(n.level order by n.level) from case_notes n where n.case_id = c.id and ${noteVisibleSql(actor, 'c.id')}), '[]'::json) as levels
          from cases c where c.id = any(${`{${ids.join(',')}}`}::uuid[])`)).rows;
        for (const row of rows) {
          const f = facts[ids.indexOf(row.id)]!;
          const basis = accessBasis(actor, f);
          // The SQL basis is only consulted for visible cases; there it must agree.
          if (basis !== null) expect(row.basis).toBe(basis);
          if (basis !== null) expect([...row.levels].sort()).toEqual(noteLevels.filter((l) => caseActions.mayReadNote(actor, f, l)).sort());
        }
      }
    }), { numRuns: 20 });
  });

  it('states the rule as intended', () => {
    expect(caseScopeFor({ id: 'a', role: 'manager' })).toEqual({ kind: 'all' });
    expect(caseScopeFor({ id: 'a', role: 'exit_worker' })).toEqual({ kind: 'team', staffId: 'a' });
    expect(caseScopeFor({ id: 'a', role: 'administrator' })).toEqual({ kind: 'none' });
    expect(caseScopeFor({ id: 'a', role: 'finance' })).toEqual({ kind: 'none' });
    const facts: CaseFacts = { team: [{ staffId: 'lead', role: 'lead', identityAccess: false }, { staffId: 'co', role: 'member', identityAccess: true }], breakGlassStaffIds: ['bg'] };
    const a = (id: string, role: Role): Actor => ({ id, role, name: '', sessionIdHash: Buffer.alloc(0), mfaAt: null });
    expect(accessBasis(a('bg', 'exit_worker'), facts)).toBe('break_glass');
    expect(caseActions.mayUseIdentity(a('lead', 'exit_worker'), facts)).toBe(false);
    expect(caseActions.mayUseIdentity(a('co', 'exit_worker'), facts)).toBe(true);
    expect(caseActions.mayUseIdentity(a('bg', 'exit_worker'), facts)).toBe(false);
    expect(caseActions.mayReadNote(a('lead', 'exit_worker'), facts, 'restricted')).toBe(true);
    expect(caseActions.mayReadNote(a('co', 'exit_worker'), facts, 'restricted')).toBe(false);
    expect(caseActions.mayReadNote(a('bg', 'exit_worker'), facts, 'team')).toBe(true);
    expect(caseActions.mayReadNote(a('lead', 'exit_worker'), facts, 'sealed')).toBe(false);
  });
});
