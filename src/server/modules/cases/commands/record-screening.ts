import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { riskLevels, type RiskLevel } from '../../../../contracts/intake.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { cases, caseScreenings } from '../tables.ts';

export const screeningPlace = (id: string) => ({ table: 'case_screenings', column: 'notes_enc', rowId: id });
const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (riskLevels.indexOf(a) >= riskLevels.indexOf(b) ? a : b);

/** The initial risk screening: the second half of the safeguarding gate. A later screening replaces it on the case. */
export async function recordScreening(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string;
  input: { riskToStaff: RiskLevel; threatFromGroup: RiskLevel; immediateProtectionNeeded: boolean; notes: string; expectedVersion: number } }): Promise<{ version: number }> {
  return caseCommand({ ...opts, action: 'case.screening.record' }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayScreen(opts.actor, found, found.status)) return refuse();
    const version = await claimVersion(opts.input.expectedVersion);
    const id = randomUUID();
    const i = opts.input;
    await tx.insert(caseScreenings).values({
      id, caseId: opts.caseId, riskToStaff: i.riskToStaff, threatFromGroup: i.threatFromGroup, immediateProtectionNeeded: i.immediateProtectionNeeded,
      notesEnc: opts.keyring.encrypt(screeningPlace(id), i.notes), recordedBy: opts.actor.id,
    });
    await tx.update(cases).set({ screeningLevel: higher(i.riskToStaff, i.threatFromGroup), protectionNeeded: i.immediateProtectionNeeded }).where(eq(cases.id, opts.caseId));
    await event('screening.recorded', { riskToStaff: i.riskToStaff, threatFromGroup: i.threatFromGroup, immediateProtectionNeeded: i.immediateProtectionNeeded });
    await audit({ objectType: 'screening', objectId: id });
    return { version };
  });
}
