import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { validateProjectName } from './project-name.ts';

describe('validateProjectName', () => {
  it.each(['shop', 'a', 'web-2', 'my_app', '0day'])('accepts %s', (name) => expect(inEnglish(validateProjectName(name))).toBeNull());
  it.each([
    ['', 'Give the project a name.'],
    ['Shop', 'A project name is written in lower case, as Compose requires.'],
    ['../../etc', expect.stringContaining('lower-case letters')],
    ['/abs', expect.stringContaining('lower-case letters')],
    ['-lead', expect.stringContaining('starts with a letter or digit')],
    ['a b', expect.stringContaining('lower-case letters')],
    ['a\u0000b', 'A project name cannot contain control characters.'],
    ['a\nb', 'A project name cannot contain control characters.'],
    ['x'.repeat(49), 'A project name has at most 48 characters.'],
  ])('refuses %j', (name, message) => expect(inEnglish(validateProjectName(name))).toEqual(message));
  it('refuses what is not text', () => expect(inEnglish(validateProjectName(undefined))).toBe('Give the project a name.'));
});
