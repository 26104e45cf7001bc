import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../contracts/staff.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { makeStaff } from '../../testing/factories.ts';
import { caseScopeAllows, caseScopeFor, caseScopeSql, caseScopeSqlForSqlActor } from './policy.ts';
import { cases, caseTeam } from './tables.ts';

let env: TestEnv;
beforeAll(async () => { env = await createTestEnv(); });
afterAll(() => env.close());

/**
 * The list filter (SQL) and the single-record check (JS) are two readings of
 * one rule. For random teams and every role they must pick the same cases.
 */
describe('case visibility: one rule, three readings', () => {
  it('SQL filter, in-statement filter and single-record check agree for every role and random teams', async () => {
    const people = await Promise.all(roles.map((role) => makeStaff(env, { role })));
    const workers = people.filter((p) => ['manager', 'exit_worker', 'security_officer'].includes(p.role));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.subarray(workers.map((w) => w.id)), { minLength: 1, maxLength: 6 }),
      async (teams) => {
        const ids: string[] = [];
        await env.ctx.db.transaction(async (tx) => {
          await tx.execute(sql`delete from case_team`);
          await tx.execute(sql`delete from cases`);
          for (const team of teams) {
            const id = randomUUID();
            ids.push(id);
            await tx.insert(cases).values({ id, codename: `p-${id}`, createdBy: people[0]!.id });
            if (team.length) await tx.insert(caseTeam).values(team.map((staffId) => ({ caseId: id, staffId, role: 'member' })));
          }
        });
        for (const person of people) {
          const scope = caseScopeFor({ id: person.id, role: person.role as Role });
          const viaSql = (await env.ctx.db.execute<{ id: string }>(sql`select cases.id from cases where ${caseScopeSql(scope)}`)).rows.map((r) => r.id).sort();
          const viaCheck = ids.filter((_, i) => caseScopeAllows(scope, { teamStaffIds: teams[i]! })).sort();
          expect(viaSql).toEqual(viaCheck);
          // Third reading: the actor known only inside the statement (the one-round-trip read path).
          const sqlActor = { id: sql`${person.id}::uuid`, role: sql`${person.role}::text` };
          const viaStatement = (await env.ctx.db.execute<{ id: string }>(sql`select cases.id from cases where ${caseScopeSqlForSqlActor(sqlActor, 'cases.id')}`)).rows.map((r) => r.id).sort();
          expect(viaStatement).toEqual(viaCheck);
        }
      },
    ), { numRuns: 25 });
  });

  it('states the rule as intended', () => {
    expect(caseScopeFor({ id: 'a', role: 'manager' })).toEqual({ kind: 'all' });
    expect(caseScopeFor({ id: 'a', role: 'exit_worker' })).toEqual({ kind: 'team', staffId: 'a' });
    expect(caseScopeFor({ id: 'a', role: 'administrator' })).toEqual({ kind: 'none' });
    expect(caseScopeFor({ id: 'a', role: 'finance' })).toEqual({ kind: 'none' });
  });
});
