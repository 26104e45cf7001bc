import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createKeyFileOnce } from '../crypto/key-file.ts';

export type CheckpointSigner = { keyId: string; publicKey: KeyObject; sign: (message: Buffer) => Buffer };

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function parsePrivate(text: string): KeyObject {
  const t = text.trim();
  return t.startsWith('-----') ? createPrivateKey(t) : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
}

/**
 * The checkpoint signing key lives outside the database (env or a 0600 file in
 * the data directory), so someone who can rewrite the database cannot re-sign it.
 */
export function loadSigner(opts: { fromEnv: string | undefined; dataDir: string }): CheckpointSigner {
  let privateKey: KeyObject;
  if (opts.fromEnv) {
    privateKey = parsePrivate(opts.fromEnv);
  } else {
    const file = path.join(opts.dataDir, 'audit-signing.key');
    if (!fs.existsSync(file)) {
      const { privateKey: fresh } = generateKeyPairSync('ed25519');
      fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      if (createKeyFileOnce(file, fresh.export({ type: 'pkcs8', format: 'pem' }).toString())) {
        createKeyFileOnce(path.join(opts.dataDir, 'audit-signing.pub'), createPublicKey(fresh).export({ type: 'spki', format: 'pem' }).toString(), 0o644);
      }
    }
    privateKey = parsePrivate(fs.readFileSync(file, 'utf8'));
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, sign: (m) => sign(null, m, privateKey) };
}

export function checkpointMessage(c: { treeSize: number; rootHash: Buffer; signedAt: string }): Buffer {
  return Buffer.from(`exitdesk audit checkpoint v1\n${c.treeSize}\n${c.rootHash.toString('hex')}\n${c.signedAt}\n`, 'utf8');
}

export function verifyCheckpointSignature(publicKey: KeyObject, c: { treeSize: number; rootHash: Buffer; signedAt: string; signature: Buffer }): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, c.signature);
  } catch {
    return false;
  }
}
