import { randomUUID } from 'node:crypto';
import type { Keyring } from '../crypto/keyring.ts';
import type { Tx } from '../db/client.ts';
import { auditReasons } from './tables.ts';

const REF = /^ref:([0-9a-f-]{36})$/;
export const reasonPlace = (id: string) => ({ table: 'audit_reasons', column: 'reason_enc', rowId: id });

/** Stores a person's free-text reason encrypted and returns what the audit entry keeps: `ref:<id>`. */
export async function sealReason(tx: Tx, keyring: Keyring, text: string): Promise<string> {
  const id = randomUUID();
  await tx.insert(auditReasons).values({ id, reasonEnc: keyring.encrypt(reasonPlace(id), text) });
  return `ref:${id}`;
}

/** The id inside an audit reason that refers to an encrypted text, or null for a plain code. */
export function reasonRef(reason: string | null): string | null {
  return reason ? REF.exec(reason)?.[1] ?? null : null;
}
