import { createHash, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Keyring } from '../crypto/keyring.ts';
import type { Tx } from '../db/client.ts';
import { auditReasons } from './tables.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const REF = new RegExp(`^ref:(${UUID}):([0-9a-f]{64})$`);
export const reasonPlace = (id: string) => ({ table: 'audit_reasons', column: 'reason_enc', rowId: id });
const digestOf = (blob: Buffer) => createHash('sha256').update(blob).digest('hex');

/**
 * Stores a person's free-text reason encrypted and returns what the audit entry keeps:
 * `ref:<id>:<sha256 of the ciphertext>`. The digest is inside the hash-chained entry, so a
 * reason deleted or swapped afterwards is detected by `audit verify` and the access log.
 */
export async function sealReason(tx: Tx, keyring: Keyring, text: string): Promise<string> {
  const id = randomUUID();
  const reasonEnc = keyring.encrypt(reasonPlace(id), text);
  await tx.insert(auditReasons).values({ id, reasonEnc });
  return `ref:${id}:${digestOf(reasonEnc)}`;
}

/** The reference inside an audit reason, or null for a plain code. */
export function reasonRef(reason: string | null): { id: string; digest: string } | null {
  const m = reason ? REF.exec(reason) : null;
  return m ? { id: m[1]!, digest: m[2]! } : null;
}

/** The encrypted text behind a reference, or null when it is missing or not the one the entry was sealed with. */
export async function openReason(keyring: Keyring, reason: string | null, blob: Buffer | null): Promise<string | null> {
  const ref = reasonRef(reason);
  if (!ref || !blob || digestOf(blob) !== ref.digest) return null;
  return keyring.decrypt(reasonPlace(ref.id), blob).catch(() => null);
}

/** SQL: the audit_reasons id an entry's reason refers to (null for plain codes; CASE keeps the cast safe). */
export const reasonIdSql = (reasonColumn: string): SQL =>
  sql.raw(`case when ${reasonColumn} ~ '^ref:${UUID}:[0-9a-f]{64}$' then substr(${reasonColumn}, 5, 36)::uuid end`);

/** SQL: the first audit entry whose referenced reason is missing or altered, as seen by `audit verify`. */
export const brokenReasonSql = sql`select e.seq from audit_events e
  left join audit_reasons ar on ar.id = ${reasonIdSql('e.reason')}
  where e.reason like 'ref:%' and (ar.id is null or e.reason <> 'ref:' || ar.id::text || ':' || encode(sha256(ar.reason_enc), 'hex'))
  order by e.seq limit 1`;
