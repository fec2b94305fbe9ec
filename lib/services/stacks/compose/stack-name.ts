// Stack names. Every object a stack creates is named "<stack>_<name>", and swarm service names must
// be DNS labels (letters, digits, "-" and "_", at most 63 characters), so a stack name is held to that
// too, in lower case: swarm compares service names without case, so "Web" and "web" would collide.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

const STACK_NAME = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/;

/** The longest stack name that still leaves room for "_" and a one-letter service within 63 characters. */
export const MAX_STACK_NAME_LENGTH = 61;

/** Null when the name is valid; otherwise why it is not. */
export function validateStackName(name: string): Message | null {
  if (typeof name !== 'string' || name.length === 0) return msg('composeChecks.stackName.required');
  if (hasControlCharacter(name)) return msg('composeChecks.stackName.controlCharacters');
  if (name.length > MAX_STACK_NAME_LENGTH) return msg('composeChecks.stackName.tooLong', { max: String(MAX_STACK_NAME_LENGTH) });
  if (/[A-Z]/.test(name) && STACK_NAME.test(name.toLowerCase())) return msg('composeChecks.stackName.lowerCase');
  if (!STACK_NAME.test(name)) return msg('composeChecks.stackName.characters');
  return null;
}
