import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { recordIncidentSchema } from '../../../../contracts/agreement.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { caseCommand } from '../case-command.ts';
import { caseActions } from '../policy.ts';
import { conductIncidents } from '../tables.ts';

export const incidentPlace = (id: string, column: 'description_enc' | 'actions_enc') => ({ table: 'conduct_incidents', column, rowId: id });

/** A threat or aggression against staff, or a broken rule, with what was done about it. */
export async function recordIncident(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; input: z.infer<typeof recordIncidentSchema> }): Promise<{ version: number; id: string }> {
  const { input } = opts;
  return caseCommand({ ...opts, action: 'case.conduct.incident' }, async ({ tx, found, audit, event, refuse, claimVersion }) => {
    if (!caseActions.mayRecordIncident(opts.actor, found, found.status)) return refuse();
    const version = await claimVersion(input.expectedVersion);
    const id = randomUUID();
    await tx.insert(conductIncidents).values({
      id, caseId: opts.caseId, occurredOn: input.occurredOn, kind: input.kind, severity: input.severity, recordedBy: opts.actor.id,
      descriptionEnc: opts.keyring.encrypt(incidentPlace(id, 'description_enc'), input.description),
      actionsEnc: opts.keyring.encrypt(incidentPlace(id, 'actions_enc'), input.actionsTaken),
    });
    await event('conduct.incident', { kind: input.kind, severity: input.severity });
    await audit({ objectType: 'incident', objectId: id });
    return { version, id };
  });
}
