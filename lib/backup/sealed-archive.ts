// A backup archive's envelope: the contents (JSON) encrypted with a key derived from the
// operator's passphrase — scrypt (N 2^15, r 8, p 1, a random 16-byte salt) then AES-256-GCM with a
// random 12-byte nonce. The header (magic, parameters, salt, nonce) is authenticated too, so a
// changed byte anywhere, or a wrong passphrase, opens nothing.
import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const MAGIC = Buffer.from('WHARF-BACKUP-1\n');
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + NONCE_BYTES;
export const MIN_PASSPHRASE_LENGTH = 12;

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const keyOf = (passphrase: string, salt: Buffer) => scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);

/** Refuses a passphrase too short to stand in for the keys it protects; null when it is long enough. */
export function passphraseProblem(passphrase: string | undefined): string | null {
  if (!passphrase || passphrase.length < MIN_PASSPHRASE_LENGTH) return `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters: it is all that protects the archive's keys.`;
  return null;
}

export function sealArchive(contents: unknown, passphrase: string): Buffer {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new ArchiveError(problem);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, salt, nonce]);
  const cipher = createCipheriv('aes-256-gcm', keyOf(passphrase, salt), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function openArchive(sealed: Buffer, passphrase: string): unknown {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ArchiveError('This file is not a Wharf backup archive.');
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const nonce = header.subarray(MAGIC.length + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyOf(passphrase, salt), nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ArchiveError('The passphrase does not open this archive (or the file was changed since it was written).');
  }
  // Read only once authenticated: nothing unpacked, nothing parsed from a file that was not sealed with the passphrase.
  return JSON.parse(plain.toString('utf8')) as unknown;
}
