// Unquoted YAML scalars and Go's printing of them. Every expected string below is what docker CLI
// 28.2 put into a service's Env for `A: <scalar>` (recorded against a fake engine).
import { describe, expect, it } from 'vitest';
import { formatGoFloat, goScalarString, goTimestampString, resolvePlainScalar } from '@/lib/services/stacks/compose/yaml-scalars.ts';

/** What ends up after "A=" for an unquoted environment value. */
const envText = (text: string) => {
  const resolved = resolvePlainScalar(text);
  return goScalarString(resolved.value, resolved.kind === 'float');
};

describe('resolvePlainScalar + goScalarString (checked against the CLI)', () => {
  it.each([
    ['1.5', '1.5'],
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['0x10', '16'],
    ['0x1F', '31'],
    ['010', '8'],
    ['017', '15'],
    ['0o17', '15'],
    ['0b11', '3'],
    ['+12', '12'],
    ['-1_0', '-10'],
    ['1_000', '1000'],
    ['1000000000000', '1000000000000'],
    ['12345678901234567890', '12345678901234567890'],
    ['0xFFFFFFFFFFFFFFFF', '18446744073709551615'],
    ['123456789012345678901234567890', '1.2345678901234568e+29'],
    ['0.1', '0.1'],
    ['.5', '0.5'],
    ['1.', '1'],
    ['1.0', '1'],
    ['-0', '0'],
    ['0.1e-2', '0.001'],
    ['0.00001', '1e-05'],
    ['0.000001', '1e-06'],
    ['1000000.0', '1e+06'],
    ['100000000000000000000.0', '1e+20'],
    ['1e21', '1e+21'],
    ['6.8523015e+5', '685230.15'],
    ['685_230.15', '685230.15'],
    ['2001-12-14', '2001-12-14 00:00:00 +0000 UTC'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.1 -0500 -0500'],
  ])('%s → %s', (text, expected) => {
    expect(envText(text)).toBe(expected);
  });

  it.each(['yes', 'y', 'on', 'No', 'OFF', '1:20', '190:20:30.15', '1e', 'v1.2', '-', '.e3', '1.2.3'])('%s stays a string (yaml.v3 has no YAML 1.1 booleans or sexagesimals)', (text) => {
    expect(resolvePlainScalar(text)).toEqual({ value: text, kind: 'string' });
  });

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['FALSE', false],
  ])('%s is a boolean', (text, value) => {
    expect(resolvePlainScalar(text)).toEqual({ value, kind: 'bool' });
  });

  it.each(['', '~', 'null', 'Null', 'NULL'])('%j is null, printed as nothing', (text) => {
    expect(resolvePlainScalar(text)).toEqual({ value: null, kind: 'null' });
    expect(goScalarString(null)).toBe('');
  });

  it('keeps integers past 2^53 exact as bigints', () => {
    expect(resolvePlainScalar('9007199254740993')).toEqual({ value: 9007199254740993n, kind: 'int' });
    expect(resolvePlainScalar('-9223372036854775808')).toEqual({ value: -9223372036854775808n, kind: 'int' });
  });

  it('reads infinities and NaN as floats (the CLI then fails to send them: the schema refuses them)', () => {
    expect(resolvePlainScalar('.inf').value).toBe(Number.POSITIVE_INFINITY);
    expect(resolvePlainScalar('-.Inf').value).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(resolvePlainScalar('.nan').value)).toBe(true);
  });

  it('recognises the merge key', () => {
    expect(resolvePlainScalar('<<').kind).toBe('merge');
  });
});

describe('formatGoFloat (strconv.FormatFloat(f, g, -1, 64))', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-2.5, '-2.5'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [1e-7, '1e-07'],
    [1.5e300, '1.5e+300'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NaN, 'NaN'],
  ])('%d → %s', (value, expected) => {
    expect(formatGoFloat(value)).toBe(expected);
  });

  it('prints integers read as integers in base 10, whatever their size', () => {
    expect(goScalarString(1234567)).toBe('1234567');
    expect(goScalarString(1234567, true)).toBe('1.234567e+06');
    expect(goScalarString(10n ** 19n)).toBe('10000000000000000000');
    expect(goScalarString(true)).toBe('true');
  });
});

describe('goTimestampString', () => {
  it.each([
    ['2024-2-3', '2024-02-03 00:00:00 +0000 UTC'],
    ['2024-02-03T04:05:06Z', '2024-02-03 04:05:06 +0000 UTC'],
    ['2024-02-03T04:05:06.500+02:00', '2024-02-03 04:05:06.5 +0200 +0200'],
    ['2024-02-03 04:05:06', '2024-02-03 04:05:06 +0000 UTC'],
  ])('%s → %s', (text, expected) => {
    expect(goTimestampString(text)).toBe(expected);
  });

  it.each(['2024-13-01', '2023-02-29', '2024-02-03T04:05:06', '2024-02-03 04:05:06Z', '20240203', '2024-02-03T25:00:00Z'])('%s is not a timestamp', (text) => {
    expect(goTimestampString(text)).toBeNull();
  });
});
