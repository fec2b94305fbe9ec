// Project names, held to Compose v2's rule: lower-case letters, digits, "-" and "_", starting with a
// letter or digit. Every object a project makes is named after it ("<project>-<service>-1",
// "<project>_default"), so an unsafe name could never reach an engine or a path. Pure.
import 'server-only';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Long enough for any real project, short enough that "<project>-<service>-<n>" stays readable. */
export const MAX_PROJECT_NAME_LENGTH = 48;

/** Null when the name is valid; otherwise why it is not, as a sentence. */
export function validateProjectName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'Give the project a name.';
  if (hasControlCharacter(name)) return 'A project name cannot contain control characters.';
  if (name.length > MAX_PROJECT_NAME_LENGTH) return `A project name has at most ${MAX_PROJECT_NAME_LENGTH} characters.`;
  if (/[A-Z]/.test(name) && PROJECT_NAME.test(name.toLowerCase())) return 'A project name is written in lower case, as Compose requires.';
  if (!PROJECT_NAME.test(name)) return 'A project name uses lower-case letters, digits, "-" and "_", and starts with a letter or digit (as Compose requires).';
  return null;
}
