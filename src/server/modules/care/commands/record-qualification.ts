import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { recordQualificationSchema } from '../../../../contracts/care.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { careCommand } from '../care-command.ts';
import { carePolicy } from '../policy.ts';
import { staffQualifications } from '../tables.ts';

/** A training or certification, recorded by the person or a manager; a renewal is a new record. */
export async function recordQualification(opts: { db: Db; actor: Actor; requestId: string; staffId: string; input: z.output<typeof recordQualificationSchema> }): Promise<{ id: string }> {
  return careCommand({ ...opts, action: 'care.qualification.record', allowed: carePolicy.mayRecordQualification(opts.actor, opts.staffId) }, async (tx) => {
    const id = randomUUID();
    await tx.insert(staffQualifications).values({ id, staffId: opts.staffId, ...opts.input, recordedBy: opts.actor.id });
    return { id };
  });
}
