// DigitalOcean names an account's SSH key by the MD5 fingerprint of the OpenSSH public key blob,
// written as 16 colon-separated hex pairs (what `ssh-keygen -l -E md5` prints after "MD5:").
import 'server-only';
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors.ts';

export interface ParsedPublicKey {
  /** e.g. ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256 */
  type: string;
  blob: Buffer;
  comment: string;
  /** "type base64 [comment]" normalised to single spaces. */
  line: string;
}

/** Reads an authorized_keys-style line ("type base64 [comment]"); the blob must name the same type. */
export function parsePublicKeyLine(publicKeyLine: string): ParsedPublicKey {
  const invalid = (why: string) => new AppError('INVALID_INPUT', `The SSH public key is not in OpenSSH format ("ssh-ed25519 AAAA… comment"): ${why}.`);
  if (/-----BEGIN/.test(publicKeyLine ?? '')) throw invalid('that is a PEM block (a private key?); give the public key line, as in a .pub file');
  const fields = (publicKeyLine ?? '').trim().split(/\s+/);
  if (fields.length < 2 || fields[0] === '') throw invalid('it needs a key type and the base64 key');
  const [type, base64, ...rest] = fields;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid('the key part is not base64');
  const blob = Buffer.from(base64, 'base64');
  if (blob.length < 4) throw invalid('the key part is too short');
  const nameLength = blob.readUInt32BE(0);
  if (nameLength > blob.length - 4 || blob.subarray(4, 4 + nameLength).toString('latin1') !== type) throw invalid(`the key part does not hold a ${type} key`);
  const comment = rest.join(' ');
  return { type, blob, comment, line: [type, base64, ...(comment ? [comment] : [])].join(' ') };
}

/** "4b:85:f9:…" — the MD5 fingerprint DigitalOcean uses to identify a public key. */
export function md5Fingerprint(publicKeyLine: string): string {
  const { blob } = parsePublicKeyLine(publicKeyLine);
  const hex = createHash('md5').update(blob).digest('hex');
  return hex.match(/../g)!.join(':');
}
