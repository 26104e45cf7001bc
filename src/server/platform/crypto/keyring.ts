import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { asc, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { dataKeys } from './tables.ts';
import { aesGcmOpen, aesGcmSeal, DecryptionError, fieldAad, pack, unpack, type FieldPlace } from './envelope.ts';
import { MasterKeyError, type MasterKey } from './master-key.ts';

export type Keyring = {
  /**
   * Keyed hash (HMAC-SHA-256) for values that are looked up but never read back
   * (recovery codes, later the duplicate-person index). The key is derived from
   * the master key per purpose, so a database dump alone cannot test guesses.
   */
  blindIndex: (purpose: string, value: string) => Buffer;
  encrypt: (place: FieldPlace, plaintext: string) => Buffer;
  decrypt: (place: FieldPlace, blob: Buffer) => Promise<string>;
  currentVersion: () => number;
};

const wrapAad = (masterId: string) => Buffer.from(`exitdesk:data-key:${masterId}`);

function unwrap(master: MasterKey, wrapped: Buffer): Buffer {
  const parts = unpack(wrapped);
  return aesGcmOpen(master.key, parts, wrapAad(master.id));
}

/**
 * Data keys live in the database wrapped by the master key and are unwrapped
 * into memory at start. New versions made by another instance are picked up
 * on first use.
 */
export async function openKeyring(db: Db, master: MasterKey): Promise<Keyring> {
  const keys = new Map<number, KeyObject>();
  let current = 0;

  const load = async () => {
    const rows = await db.select().from(dataKeys).orderBy(asc(dataKeys.id));
    for (const row of rows) {
      if (keys.has(row.id)) continue;
      if (row.masterKeyId !== master.id) {
        throw new MasterKeyError('This database was encrypted with a different master key. Start Exitdesk with the master key it was created with (EXITDESK_MASTER_KEY or the master.key file).');
      }
      try {
        keys.set(row.id, createSecretKey(unwrap(master, row.wrapped)));
      } catch (e) {
        if (e instanceof DecryptionError) throw new MasterKeyError('A data key could not be unwrapped with the configured master key.');
        throw e;
      }
      if (!row.retiredAt) current = Math.max(current, row.id);
    }
  };

  await load();
  if (current === 0) {
    await db.transaction(async (tx) => {
      // Two instances starting together must not both create "the first" key.
      await tx.execute(sql`select pg_advisory_xact_lock(7303118002)`);
      const existing = await tx.select({ id: dataKeys.id }).from(dataKeys).where(isNull(dataKeys.retiredAt)).limit(1);
      if (existing.length > 0) return;
      const fresh = randomBytes(32);
      const wrapped = pack(0, aesGcmSeal(master.key, fresh, wrapAad(master.id)));
      await tx.insert(dataKeys).values({ wrapped, masterKeyId: master.id });
    });
    await load();
  }

  const indexKeys = new Map<string, Buffer>();
  const indexKey = (purpose: string) => {
    let k = indexKeys.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), `exitdesk blind index v1:${purpose}`, 32));
      indexKeys.set(purpose, k);
    }
    return k;
  };

  return {
    blindIndex: (purpose, value) => createHmac('sha256', indexKey(purpose)).update(value, 'utf8').digest(),
    currentVersion: () => current,
    encrypt(place, plaintext) {
      const key = keys.get(current);
      if (!key) throw new Error('keyring has no current data key');
      return pack(current, aesGcmSeal(key, Buffer.from(plaintext, 'utf8'), fieldAad(place, current)));
    },
    async decrypt(place, blob) {
      const parts = unpack(blob);
      if (!keys.has(parts.keyVersion)) await load();
      const key = keys.get(parts.keyVersion);
      if (!key) throw new DecryptionError();
      return aesGcmOpen(key, parts, fieldAad(place, parts.keyVersion)).toString('utf8');
    },
  };
}
