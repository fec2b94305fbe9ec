// Project names, held to Compose v2's rule: lower-case letters, digits, "-" and "_", starting with a
// letter or digit. Every object a project makes is named after it ("<project>-<service>-1",
// "<project>_default"), so an unsafe name could never reach an engine or a path. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Long enough for any real project, short enough that "<project>-<service>-<n>" stays readable. */
export const MAX_PROJECT_NAME_LENGTH = 48;

/** Null when the name is valid; otherwise why it is not, as a sentence. */
export function validateProjectName(name: unknown): Message | null {
  if (typeof name !== 'string' || name.length === 0) return msg('composeChecks.projectName.required');
  if (hasControlCharacter(name)) return msg('composeChecks.projectName.controlCharacters');
  if (name.length > MAX_PROJECT_NAME_LENGTH) return msg('composeChecks.projectName.tooLong', { max: String(MAX_PROJECT_NAME_LENGTH) });
  if (/[A-Z]/.test(name) && PROJECT_NAME.test(name.toLowerCase())) return msg('composeChecks.projectName.lowerCase');
  if (!PROJECT_NAME.test(name)) return msg('composeChecks.projectName.characters');
  return null;
}
