import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { EmergencyPlanInput } from '../../../../../contracts/plans.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import { AppError } from '../../../../platform/http/errors.ts';
import { caseCommand } from '../../../cases/case-command.ts';
import { caseKeyFor, findCaseKey } from '../../../cases/case-keys.ts';
import { protectionPolicy } from '../../policy.ts';
import { emergencyPlans } from '../../tables.ts';
import { planPlace, safeLocationsPlace } from '../places.ts';
import type { PlanBody } from '../presenter.ts';

export const planChanged = () => new AppError(409, 'emergency_plan_changed', 'Someone else saved the emergency plan since you opened it. Reload to see their version, then make your change again.');

/**
 * Saves the emergency plan as its next version; earlier versions stay. Safe
 * locations are sealed with the case's key and written only by managers and the
 * case's security officer. When a save leaves them out (anyone else's save does),
 * the current ones are carried over, resealed for the new row, without the
 * writer ever seeing them.
 */
export async function saveEmergencyPlan(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: EmergencyPlanInput }): Promise<{ version: number }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.emergency.save' }, async ({ tx, found, audit, event, refuse }) => {
    if (!protectionPolicy.mayWrite(opts.actor, found, 'emergency', found.status)) return refuse();
    if (input.safeLocations !== undefined && !protectionPolicy.mayWrite(opts.actor, found, 'sealed', found.status)) return refuse('sealed part');
    const [current] = await tx.select({ id: emergencyPlans.id, version: emergencyPlans.version, safeLocationsEnc: emergencyPlans.safeLocationsEnc })
      .from(emergencyPlans).where(eq(emergencyPlans.caseId, opts.caseId)).orderBy(desc(emergencyPlans.version)).limit(1);
    if ((current?.version ?? 0) !== input.expectedVersion) throw planChanged();
    const id = randomUUID();
    const version = (current?.version ?? 0) + 1;
    let safeLocationsEnc: Buffer | null = null;
    if (input.safeLocations !== undefined) {
      if (input.safeLocations) safeLocationsEnc = (await caseKeyFor(tx, opts.keyring, opts.caseId)).seal(safeLocationsPlace(id), input.safeLocations);
    } else if (current?.safeLocationsEnc) {
      const key = await findCaseKey(tx, opts.keyring, opts.caseId);
      if (key) safeLocationsEnc = key.seal(safeLocationsPlace(id), key.open(safeLocationsPlace(current.id), current.safeLocationsEnc));
    }
    const body: PlanBody = { triggers: input.triggers, steps: input.steps, callTree: input.callTree, agencyContact: input.agencyContact, agencyAgreement: input.agencyAgreement };
    await tx.insert(emergencyPlans).values({ id, caseId: opts.caseId, version, planEnc: opts.keyring.encrypt(planPlace(id), JSON.stringify(body)), safeLocationsEnc, updatedBy: opts.actor.id });
    await event('emergency_plan.saved', { version });
    await audit({ objectType: 'emergency_plan', objectId: id });
    return { version };
  });
}
