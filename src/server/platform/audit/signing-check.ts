import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { StartupRefusedError } from '../db/runtime-role.ts';
import type { CheckpointSigner } from './signing.ts';

/**
 * A missing or swapped signing key would silently start a second chain of
 * checkpoints that verify could never reconcile. Refuse instead.
 */
export async function assertSignerMatchesCheckpoints(db: Db, signer: CheckpointSigner): Promise<void> {
  const last = (await db.execute<{ keyId: string }>(sql`select key_id as "keyId" from audit_checkpoints order by id desc limit 1`)).rows[0];
  if (last && last.keyId !== signer.keyId) {
    throw new StartupRefusedError(`The audit signing key (id ${signer.keyId}) is not the one that signed this database's checkpoints (id ${last.keyId}). `
      + 'Restore the original audit-signing.key (or EXITDESK_AUDIT_SIGNING_KEY) before starting.');
  }
}
