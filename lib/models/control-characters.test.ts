import { describe, expect, it } from 'vitest';
import { controlCharacterAt, hasControlCharacter } from './control-characters.ts';

describe('hasControlCharacter', () => {
  it.each(['', 'web', 'café ☕', '/var/lib/data', 'a b'])('accepts %j', (text) => expect(hasControlCharacter(text)).toBe(false));
  it.each(['\u0000', 'a\u0001b', 'x\u001b[31m', 'del\u007f', 'tab\there', 'line\n'])('refuses %j', (text) => expect(hasControlCharacter(text)).toBe(true));
  it('lets tab, line feed and carriage return through in a file, nothing else', () => {
    expect(hasControlCharacter('a:\n\tb\r\n', { allowLineBreaks: true })).toBe(false);
    expect(hasControlCharacter('a\u000bb', { allowLineBreaks: true })).toBe(true);
    expect(hasControlCharacter('a\u000cb', { allowLineBreaks: true })).toBe(true);
    expect(hasControlCharacter('a\u007fb', { allowLineBreaks: true })).toBe(true);
    expect(controlCharacterAt('ab\u0007c')).toBe(2);
    expect(controlCharacterAt('abc')).toBe(-1);
  });
});
