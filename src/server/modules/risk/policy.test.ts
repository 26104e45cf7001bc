import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../contracts/staff.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { makeProgramme, makeStaff, sessionFor } from '../../testing/factories.ts';
import type { CaseFacts } from '../cases/policy.ts';
import { breakGlassGrants, cases, caseTeam } from '../cases/tables.ts';
import { reviewDutySql, riskPolicy, riskReadSql } from './policy.ts';

let env: TestEnv;
let programmeId: string;
beforeAll(async () => {
  env = await createTestEnv();
  const m = await makeStaff(env, { role: 'manager' });
  programmeId = await makeProgramme(env, await sessionFor(env, m));
});
afterAll(() => env.close());

type Member = { staffId: string; role: 'lead' | 'member'; identityAccess: boolean };

/**
 * `riskPolicy.mayRead` (one case, in JS) and `riskReadSql` (in the statement) are
 * two readings of one rule; for random teams and emergency grants and every role
 * they must agree. The dashboard's review duty is the lead's (or a manager's) and
 * always within what the person may read.
 */
describe('risk visibility: one rule, two readings', () => {
  it('agree for every role, random teams and random break-glass grants', async () => {
    const everyone = [...await Promise.all(roles.map((role) => makeStaff(env, { role }))), await makeStaff(env, { role: 'exit_worker' }), await makeStaff(env, { role: 'security_officer' })];
    const workers = everyone.filter((p) => ['manager', 'exit_worker', 'security_officer'].includes(p.role)).map((p) => p.id);
    const member = fc.record({ staffId: fc.constantFrom(...workers), role: fc.constantFrom('lead' as const, 'member' as const), identityAccess: fc.boolean() });
    const caseGen = fc.record({
      team: fc.uniqueArray(member, { selector: (m) => m.staffId, maxLength: 4 }).map((t): Member[] => t.map((m, i) => ({ ...m, role: i === 0 ? m.role : 'member' }))),
      grants: fc.array(fc.record({ staffId: fc.constantFrom(...workers), live: fc.boolean() }), { maxLength: 2 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(caseGen, { minLength: 1, maxLength: 6 }), async (generated) => {
      const ids: string[] = [];
      await env.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`delete from break_glass_grants`);
        await tx.execute(sql`delete from case_team`);
        await tx.execute(sql`delete from cases where codename like 'r-%'`);
        for (const g of generated) {
          const id = randomUUID();
          ids.push(id);
          await tx.insert(cases).values({ id, codename: `r-${id}`, createdBy: everyone[0]!.id, programmeId, programmeVersionAtReferral: 1, referralRoute: 'self', referredOn: '2026-01-01' });
          if (g.team.length) await tx.insert(caseTeam).values(g.team.map((m) => ({ caseId: id, ...m })));
          for (const grant of g.grants) {
            await tx.insert(breakGlassGrants).values({ id: randomUUID(), caseId: id, staffId: grant.staffId, reasonEnc: Buffer.from('x'),
              expiresAt: grant.live ? sql`now() + interval '1 hour'` : sql`now() - interval '1 minute'` });
          }
        }
      });
      const facts: CaseFacts[] = generated.map((g) => ({ team: g.team, breakGlassStaffIds: g.grants.filter((x) => x.live).map((x) => x.staffId) }));
      for (const person of everyone) {
        const actor = { id: person.id, role: person.role as Role, name: '', sessionIdHash: Buffer.alloc(0), mfaAt: null } satisfies Actor;
        const viaPolicy = ids.filter((_, i) => riskPolicy.mayRead(actor, facts[i]!)).sort();
        const idList = sql`${`{${ids.join(',')}}`}::uuid[]`;
        const viaSql = (await env.ctx.db.execute<{ id: string }>(sql`select c.id from cases c where c.id = any(${idList}) and ${riskReadSql(actor, 'c.id')}`)).rows.map((r) => r.id).sort();
        expect(viaSql).toEqual(viaPolicy);
        const duty = (await env.ctx.db.execute<{ id: string }>(sql`select c.id from cases c where c.id = any(${idList}) and ${reviewDutySql(actor, 'c.id')}`)).rows.map((r) => r.id).sort();
        const leads = ids.filter((_, i) => actor.role === 'manager' || facts[i]!.team.some((t) => t.staffId === actor.id && t.role === 'lead')).sort();
        expect(duty).toEqual(leads);
        expect(duty.every((id) => viaPolicy.includes(id))).toBe(true);
      }
    }), { numRuns: 15 });
  });

  it('states the rule as intended', () => {
    const facts: CaseFacts = { team: [{ staffId: 'lead', role: 'lead', identityAccess: false }, { staffId: 'co', role: 'member', identityAccess: false }], breakGlassStaffIds: ['bg'] };
    const a = (id: string, role: Role) => ({ id, role });
    expect(riskPolicy.mayRead(a('m', 'manager'), facts)).toBe(true);
    expect(riskPolicy.mayRead(a('co', 'exit_worker'), facts)).toBe(true);
    expect(riskPolicy.mayRead(a('bg', 'exit_worker'), facts)).toBe(false);
    expect(riskPolicy.mayDraft(a('lead', 'exit_worker'), facts, 'closed')).toBe(false);
    expect(riskPolicy.maySign(a('m', 'manager'), facts, 'active', { requiresCertification: true }, false)).toBe(false);
    expect(riskPolicy.maySign(a('co', 'exit_worker'), facts, 'active', { requiresCertification: true }, true)).toBe(true);
    expect(riskPolicy.maySign(a('co', 'exit_worker'), facts, 'active', { requiresCertification: false }, false)).toBe(true);
    expect(riskPolicy.mayImportInstrument(a('lead', 'exit_worker'))).toBe(false);
  });
});
