// A DigitalOcean API token as pasted by a user: surrounding whitespace is dropped, anything that
// cannot be a token (spaces inside, quotes, non-ASCII, far too short) is refused before it is
// sent anywhere. The token itself never appears in the message.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';

/** Personal access tokens are "dop_v1_" + 64 hex; OAuth ones "doo_v1_"; older ones 64 hex. Others are accepted if they look like a token. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9_.~+/=-]+$/;
const MIN_LENGTH = 32;
const MAX_LENGTH = 512;

export function checkApiToken(token: string): string {
  const trimmed = (token ?? '').trim();
  const refuse = (why: Message) =>
    new AppError('INVALID_INPUT', msg('cloud.errors.notApiToken', { why }), {
      fieldErrors: { token: [issueText(why.key, why.values)] },
    });
  if (trimmed === '') throw refuse(msg('cloud.errors.token.empty'));
  if (/\s/.test(trimmed)) throw refuse(msg('cloud.errors.token.spaces'));
  if (!TOKEN_CHARACTERS.test(trimmed)) throw refuse(msg('cloud.errors.token.characters'));
  if (/^do[a-z]_v1_/.test(trimmed) && !/^do[a-z]_v1_[0-9a-f]{64}$/.test(trimmed)) throw refuse(msg('cloud.errors.token.cutShort'));
  if (trimmed.length < MIN_LENGTH) throw refuse(msg('cloud.errors.token.tooShort', { length: trimmed.length }));
  if (trimmed.length > MAX_LENGTH) throw refuse(msg('cloud.errors.token.tooLong'));
  return trimmed;
}
