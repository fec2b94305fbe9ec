// A DigitalOcean API token as pasted by a user: surrounding whitespace is dropped, anything that
// cannot be a token (spaces inside, quotes, non-ASCII, far too short) is refused before it is
// sent anywhere. The token itself never appears in the message.
import 'server-only';
import { AppError } from '@/lib/errors.ts';

/** Personal access tokens are "dop_v1_" + 64 hex; OAuth ones "doo_v1_"; older ones 64 hex. Others are accepted if they look like a token. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9_.~+/=-]+$/;
const MIN_LENGTH = 32;
const MAX_LENGTH = 512;

export function checkApiToken(token: string): string {
  const trimmed = (token ?? '').trim();
  const refuse = (why: string) =>
    new AppError('INVALID_INPUT', `That is not a DigitalOcean API token: ${why}. Create a personal access token (it starts with "dop_v1_") under API → Tokens in the DigitalOcean control panel and paste it whole.`, {
      fieldErrors: { token: [why] },
    });
  if (trimmed === '') throw refuse('it is empty');
  if (/\s/.test(trimmed)) throw refuse('it contains spaces or line breaks');
  if (!TOKEN_CHARACTERS.test(trimmed)) throw refuse('it contains characters a token never has');
  if (/^do[a-z]_v1_/.test(trimmed) && !/^do[a-z]_v1_[0-9a-f]{64}$/.test(trimmed)) throw refuse('it starts like a DigitalOcean token but the rest is not 64 hexadecimal characters; it may be cut short');
  if (trimmed.length < MIN_LENGTH) throw refuse(`it is too short (${trimmed.length} characters)`);
  if (trimmed.length > MAX_LENGTH) throw refuse('it is too long');
  return trimmed;
}
