import { randomUUID } from 'node:crypto';
import { eq, max } from 'drizzle-orm';
import type { AgreementInput } from '../../../../contracts/agreement.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { currentProgrammeVersion } from '../../programmes/queries.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { caseAgreements } from '../tables.ts';

export const agreementPlace = (id: string, column: 'offer_enc' | 'conduct_rules_enc') => ({ table: 'case_agreements', column, rowId: id });

/**
 * Records the client agreement. It is bound to the programme version the case was
 * accepted under (or the current one during intake), whose transparency statement
 * the client was shown. A new agreement is the next version; earlier ones stay.
 */
export async function recordAgreement(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: AgreementInput }): Promise<{ version: number; agreementVersion: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.agreement.record' }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayRecordAgreement(opts.actor, found, found.status)) return refuse();
    const version = await claimVersion(input.expectedVersion);
    const programmeVersion = found.programmeVersionAccepted ?? (await currentProgrammeVersion(tx, found.programmeId))!.version;
    const last = (await tx.select({ v: max(caseAgreements.version) }).from(caseAgreements).where(eq(caseAgreements.caseId, opts.caseId)))[0]?.v ?? 0;
    const id = randomUUID();
    await tx.insert(caseAgreements).values({
      id, caseId: opts.caseId, version: last + 1, agreedOn: input.agreedOn, givenHow: input.givenHow, programmeVersion, consents: input.consents, recordedBy: opts.actor.id,
      offerEnc: opts.keyring.encrypt(agreementPlace(id, 'offer_enc'), input.offer),
      conductRulesEnc: opts.keyring.encrypt(agreementPlace(id, 'conduct_rules_enc'), input.conductRules),
    });
    await event('agreement.recorded', { agreementVersion: last + 1, givenHow: input.givenHow, programmeVersion });
    await audit({ objectType: 'agreement', objectId: id });
    return { version, agreementVersion: last + 1 };
  });
}
