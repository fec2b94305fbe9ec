// Memory sizes (go-units RAMInBytes) and CPU counts (opts.ParseCPUs) as the CLI reads deploy.resources.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parseCpus, ramInBytes } from '@/lib/services/stacks/compose/go-units.ts';

describe('ramInBytes', () => {
  it.each([
    ['50M', 52428800],
    ['20M', 20971520],
    ['1.5g', 1610612736],
    ['1.5GiB', 1610612736],
    ['512', 512],
    ['512b', 512],
    ['64k', 65536],
    ['64 kb', 65536],
    ['1Ki', 1024],
    ['2T', 2 * 1024 ** 4],
    ['1p', 1024 ** 5],
    ['0.5k', 512],
  ])('%s is %d bytes', (text, bytes) => {
    expect(inEnglish(ramInBytes(text))).toEqual({ bytes });
  });

  it('words bad input like go-units (the CLI reported "invalid suffix: \'q\'")', () => {
    expect(inEnglish(ramInBytes('12q'))).toEqual({ error: "invalid suffix: 'q'" });
    expect(inEnglish(ramInBytes('12kbb'))).toEqual({ error: "invalid suffix: 'kbb'" });
    expect(inEnglish(ramInBytes('12mx'))).toEqual({ error: "invalid suffix: 'mx'" });
    expect(inEnglish(ramInBytes('12kilo'))).toEqual({ error: "invalid suffix: 'kilo'" });
    expect(inEnglish(ramInBytes('mega'))).toEqual({ error: "invalid size: 'mega'" });
    expect(inEnglish(ramInBytes('-1m'))).toEqual({ error: "invalid size: '-1m'" });
  });
});

describe('parseCpus', () => {
  it.each([
    ['0.50', 500_000_000],
    ['0.25', 250_000_000],
    ['2', 2_000_000_000],
    ['1e-3', 1_000_000],
    ['.5', 500_000_000],
    ['1/4', 250_000_000],
    ['0.000000001', 1],
  ])('%s CPUs is %d nano-CPUs', (text, nanoCpus) => {
    expect(inEnglish(parseCpus(text))).toEqual({ nanoCpus });
  });

  it('refuses what is finer than a nano-CPU or not a number, in the CLI\'s words', () => {
    expect(inEnglish(parseCpus('1/3'))).toEqual({ error: 'value is too precise' });
    expect(inEnglish(parseCpus('0.0000000001'))).toEqual({ error: 'value is too precise' });
    expect(inEnglish(parseCpus('abc'))).toEqual({ error: 'failed to parse abc as a rational number' });
    expect(inEnglish(parseCpus('1/0'))).toEqual({ error: 'failed to parse 1/0 as a rational number' });
  });
});
