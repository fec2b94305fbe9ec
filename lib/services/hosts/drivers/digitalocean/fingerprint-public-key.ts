// DigitalOcean names an account's SSH key by the MD5 fingerprint of the OpenSSH public key blob,
// written as 16 colon-separated hex pairs (what `ssh-keygen -l -E md5` prints after "MD5:").
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
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
  const invalid = (why: Message) => new AppError('INVALID_INPUT', msg('driverText.key.notOpenSsh', { why }));
  if (/-----BEGIN/.test(publicKeyLine ?? '')) throw invalid(msg('driverText.key.pem'));
  const fields = (publicKeyLine ?? '').trim().split(/\s+/);
  if (fields.length < 2 || fields[0] === '') throw invalid(msg('driverText.key.fields'));
  const [type, base64, ...rest] = fields;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid(msg('driverText.key.notBase64'));
  const blob = Buffer.from(base64, 'base64');
  if (blob.length < 4) throw invalid(msg('driverText.key.tooShort'));
  const nameLength = blob.readUInt32BE(0);
  if (nameLength > blob.length - 4 || blob.subarray(4, 4 + nameLength).toString('latin1') !== type) throw invalid(msg('driverText.key.wrongType', { type }));
  const comment = rest.join(' ');
  return { type, blob, comment, line: [type, base64, ...(comment ? [comment] : [])].join(' ') };
}

/** "4b:85:f9:…" — the MD5 fingerprint DigitalOcean uses to identify a public key. */
export function md5Fingerprint(publicKeyLine: string): string {
  const { blob } = parsePublicKeyLine(publicKeyLine);
  const hex = createHash('md5').update(blob).digest('hex');
  return hex.match(/../g)!.join(':');
}
