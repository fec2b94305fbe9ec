// Go's time.ParseDuration, which the CLI applies to every compose duration.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parseGoDuration } from '@/lib/services/stacks/compose/go-duration.ts';

describe('parseGoDuration', () => {
  it.each([
    ['1m30s', 90e9],
    ['2h', 7200e9],
    ['10ms', 10e6],
    ['1.5h', 5400e9],
    ['.5s', 0.5e9],
    ['5.s', 5e9],
    ['300us', 300e3],
    ['300µs', 300e3],
    ['300μs', 300e3],
    ['42ns', 42],
    ['1h2m3s4ms5us6ns', 3723004005006],
    ['0', 0],
    ['0s', 0],
    ['-1.5s', -1.5e9],
    ['+2m', 120e9],
    ['1.1s', 1.1e9],
    ['0.333333333333s', 333333333],
  ])('%s is %d ns', (text, ns) => {
    expect(inEnglish(parseGoDuration(text))).toEqual({ nanoseconds: ns });
  });

  it.each(['', '5', '1x', 's', '.s', '1h-30m', '1 s', '-', '1e3s'])('%j is refused', (text) => {
    expect(inEnglish(parseGoDuration(text))).toHaveProperty('error');
  });

  it('words unknown units like Go', () => {
    expect(inEnglish(parseGoDuration('5d'))).toEqual({ error: 'time: unknown unit "d" in duration "5d"' });
    expect(inEnglish(parseGoDuration('5'))).toEqual({ error: 'time: invalid duration "5"' });
  });

  it('refuses what the engine cannot hold exactly in JSON (past 2^53 ns, about 104 days)', () => {
    expect(inEnglish(parseGoDuration('2400h'))).toEqual({ nanoseconds: 2400 * 3600e9 });
    expect(inEnglish(parseGoDuration('2600h'))).toHaveProperty('error');
    expect(inEnglish(parseGoDuration('3000000h'))).toHaveProperty('error');
  });
});
