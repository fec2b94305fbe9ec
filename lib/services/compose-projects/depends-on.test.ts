import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { cycleMessage, startOrder } from './depends-on.ts';

const s = (name: string, ...deps: string[]) => ({ name, dependsOn: Object.fromEntries(deps.map((d) => [d, { condition: 'service_started' as const, required: true, restart: false }])) });

describe('startOrder', () => {
  it('starts dependencies first, otherwise keeps the file order', () => {
    expect(startOrder([s('web', 'api'), s('api', 'db'), s('db'), s('side')])).toEqual({ order: ['db', 'api', 'web', 'side'] });
    expect(startOrder([s('a'), s('b'), s('c')])).toEqual({ order: ['a', 'b', 'c'] });
  });
  it('finds a cycle and names it from where it starts', () => {
    expect(startOrder([s('ok'), s('a', 'b'), s('b', 'c'), s('c', 'a')])).toEqual({ cycle: ['a', 'b', 'c', 'a'] });
    expect(startOrder([s('self', 'self')])).toEqual({ cycle: ['self', 'self'] });
    expect(startOrder([s('x', 'a'), s('a', 'b'), s('b', 'a')])).toEqual({ cycle: ['a', 'b', 'a'] });
  });
  it('ignores dependencies outside the list (left out by profiles, not required)', () => {
    expect(startOrder([s('web', 'gone')])).toEqual({ order: ['web'] });
  });
  it('words a cycle as a sentence', () => expect(inEnglish(cycleMessage(['a', 'b', 'a']))).toBe('depends_on makes a cycle: a → b → a. Services cannot wait on each other; remove one of these dependencies.'));
});
