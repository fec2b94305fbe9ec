// Stack names: safe as a namespace, and valid inside every swarm object name made from them.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { MAX_STACK_NAME_LENGTH, validateStackName } from '@/lib/services/stacks/compose/stack-name.ts';

describe('validateStackName', () => {
  it.each(['wordpress', 'local-web', 'my_stack', 'a', 'a1', '1a', 'x'.repeat(MAX_STACK_NAME_LENGTH)])('accepts %s', (name) => {
    expect(inEnglish(validateStackName(name))).toBeNull();
  });

  it.each([
    ['', 'Give the stack a name.'],
    ['../../etc', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['/', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['/etc/passwd', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['a/b', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['web.app', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['-web', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['web_', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['my stack', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['wéb', 'A stack name uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit.'],
    ['web\u0000', 'A stack name cannot contain control characters.'],
    ['web\n', 'A stack name cannot contain control characters.'],
    ['\u001b[31mred', 'A stack name cannot contain control characters.'],
    ['Web', 'A stack name is written in lower case.'],
    ['x'.repeat(MAX_STACK_NAME_LENGTH + 1), `A stack name has at most ${MAX_STACK_NAME_LENGTH} characters.`],
  ])('refuses %j', (name, message) => {
    expect(inEnglish(validateStackName(name))).toBe(message);
  });
});
