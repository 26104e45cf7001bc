import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { recordSessionSchema } from '../../../../contracts/care.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { Db } from '../../../platform/db/client.ts';
import { careCommand } from '../care-command.ts';
import { carePolicy } from '../policy.ts';
import { sessionPlace } from '../queries.ts';
import { careSessions } from '../tables.ts';

/** The person records a supervision, coaching or safe-space session, with a note only they will read. */
export async function recordSession(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; staffId: string; input: z.output<typeof recordSessionSchema> }): Promise<{ id: string }> {
  return careCommand({ ...opts, action: 'care.session.record', allowed: carePolicy.mayRecordSession(opts.actor, opts.staffId) }, async (tx) => {
    const id = randomUUID();
    await tx.insert(careSessions).values({
      id, staffId: opts.staffId, heldOn: opts.input.heldOn, kind: opts.input.kind,
      withWhomEnc: opts.keyring.encrypt(sessionPlace(id, 'with_whom_enc'), opts.input.withWhom),
      noteEnc: opts.input.note ? opts.keyring.encrypt(sessionPlace(id, 'note_enc'), opts.input.note) : null,
    });
    return { id };
  });
}
