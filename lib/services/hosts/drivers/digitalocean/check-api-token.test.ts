import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { AppError } from '@/lib/errors.ts';
import { checkApiToken } from './check-api-token.ts';

const GOOD = `dop_v1_${'a1'.repeat(32)}`;

function refusal(token: string): AppError {
  try {
    checkApiToken(token);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('checkApiToken', () => {
  it('accepts a personal access token and trims what surrounds it', () => {
    expect(checkApiToken(GOOD)).toBe(GOOD);
    expect(checkApiToken(`  ${GOOD}\n`)).toBe(GOOD);
  });

  it('accepts an older 64-hex token', () => {
    const old = 'f'.repeat(64);
    expect(checkApiToken(old)).toBe(old);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [`dop_v1_${'a'.repeat(30)} ${'b'.repeat(34)}`, 'spaces'],
    [`"${GOOD}"`, 'characters'],
    ['dop_v1_abc', 'cut short'],
    [`dop_v1_${'z'.repeat(64)}`, '64 hexadecimal'],
    ['short', 'too short'],
    [`${'é'.repeat(40)}`, 'characters'],
  ])('refuses %j (%s) with INVALID_INPUT and never echoes it', (token, why) => {
    const error = refusal(token);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(why);
    expect(localizeText(error.fieldErrors?.token?.[0] ?? '', 'en')).toContain(why);
    if (token.trim().length > 8) expect(error.message).not.toContain(token.trim());
  });
});
