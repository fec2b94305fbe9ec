// Authenticated encryption (AES-256-GCM) for secrets at rest. A sealed value names the key that
// sealed it, so keys can be rotated, and is bound to a context string (e.g. "host:<id>") so a
// ciphertext copied onto another row does not open.
import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export type SecretKey = { id: string; key: Buffer };
export type Keyring = { current: SecretKey; byId: ReadonlyMap<string, SecretKey> };

const VERSION = 'v1';
const TAG_BYTES = 16;

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function makeKeyring(current: Buffer, retired: Buffer[] = []): Keyring {
  const toKey = (key: Buffer): SecretKey => {
    if (key.length !== 32) throw new Error('A secret key must be 32 bytes (44 characters of base64).');
    return { id: keyIdOf(key), key };
  };
  const all = [toKey(current), ...retired.map(toKey)];
  return { current: all[0], byId: new Map(all.map((k) => [k.id, k])) };
}

export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return [VERSION, keyring.current.id, ...parts].join('.');
}

export function open(keyring: Keyring, sealed: string, context: string): string {
  const [version, keyId, iv, tag, body, extra] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || body === undefined || extra !== undefined) {
    throw new Error('A stored secret is not in a format this Wharf can read.');
  }
  const key = keyring.byId.get(keyId);
  if (!key) throw new Error(`A stored secret was sealed with key ${keyId}, which is not configured. Restore that key (WHARF_SECRET_KEY or the data folder's secret-keys.json).`);
  try {
    const authTag = Buffer.from(tag, 'base64url');
    // A full 16-byte tag only: a shorter one would make forgeries far cheaper.
    if (authTag.length !== TAG_BYTES) throw new Error('short tag');
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('A stored secret failed its integrity check: it was altered, or belongs to another record.');
  }
}

/** Whether a sealed value was made with an older key and should be sealed again. */
export function needsReseal(keyring: Keyring, sealed: string): boolean {
  return sealed.split('.')[1] !== keyring.current.id;
}
