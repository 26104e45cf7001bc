import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Referral } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { isUniqueViolation, type Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { currentProgrammeVersion } from '../../programmes/queries.ts';
import { casePlace } from '../presenter.ts';
import { caseEvents, cases, caseTeam } from '../tables.ts';

const codenameTaken = () => fieldError(409, 'codename', 'codename_taken', 'Another case already uses this codename');

/**
 * Records a referral: the case starts in state "referral" under the programme's
 * current profile. A worker who takes a referral becomes its lead (with identity
 * access) so it does not vanish from their own list.
 */
export async function createCase(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; input: { codename: string; programmeId: string; referral: Referral } }): Promise<{ id: string }> {
  const { input, keyring, actor } = opts;
  return opts.db.transaction(async (tx) => {
    const programme = await currentProgrammeVersion(tx, input.programmeId);
    if (!programme) throw fieldError(400, 'programmeId', 'programme_unknown', 'This programme does not exist');
    // Codenames differing only in capitals would be mixed up in daily use: compare without case.
    const taken = await tx.select({ id: cases.id }).from(cases).where(sql`lower(${cases.codename}) = lower(${input.codename})`).limit(1);
    if (taken.length > 0) throw codenameTaken();
    const id = randomUUID();
    try {
      await tx.insert(cases).values({
        id, codename: input.codename, status: 'referral', programmeId: input.programmeId, programmeVersionAtReferral: programme.version,
        referralRoute: input.referral.route, referredOn: input.referral.referredOn,
        referrerEnc: keyring.encrypt(casePlace(id, 'referrer_enc'), input.referral.referrer),
        firstInformationEnc: keyring.encrypt(casePlace(id, 'first_information_enc'), input.referral.firstInformation),
        createdBy: actor.id,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw codenameTaken();
      throw e;
    }
    if (actor.role !== 'manager') await tx.insert(caseTeam).values({ caseId: id, staffId: actor.id, role: 'lead', identityAccess: true });
    await tx.insert(caseEvents).values({ id: randomUUID(), caseId: id, actorId: actor.id, kind: 'referral.recorded', data: { route: input.referral.route, programmeVersion: programme.version } });
    await recordAudit(tx, { actor, requestId: opts.requestId }, { action: 'case.create', outcome: 'success', objectType: 'case', objectId: id, caseId: id, basis: actor.role === 'manager' ? 'manager' : 'team' });
    return { id };
  });
}
