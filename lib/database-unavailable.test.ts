import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { toErrorPayload } from './errors.ts';

describe('isDatabaseUnavailable', () => {
  it('finds a refused or dropped database however it is wrapped', () => {
    const adapter = Object.assign(new Error('database "wharf" is not currently accepting connections'), { cause: { kind: 'postgres', code: '55000' } });
    expect(isDatabaseUnavailable(Object.assign(new Error('Invalid `db.auditEntry.create()` invocation'), { code: 'P2039', meta: { driverAdapterError: adapter } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { cause: { code: '57P01' } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable({ code: 'P1001' })).toBe(true);
  });

  it('leaves other failures alone, and survives cycles', () => {
    const cyclic: { message: string; cause?: unknown } = { message: 'unique constraint failed' };
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailable(cyclic)).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('is what a door tells the user', () => {
    expect(toErrorPayload(new Error('Connection terminated unexpectedly'))).toEqual({ code: 'INTERNAL', message: expect.stringMatching(/lost its connection to its database/) });
    expect(toErrorPayload(new Error('boom')).message).toMatch(/Something went wrong/);
  });
});
